package dev.rightsplatform.rights.delivery.store;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store of collected parts and export archives, by {@code rights.storage.type}: {@code filesystem} (the default,
 * {@link FileSystemEncryptedStore}) or {@code s3} ({@link S3EncryptedStore}, closed with the context).
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    @Bean
    EncryptedStore encryptedStore(StorageProperties properties) {
        return switch (properties.type()) {
            case FILESYSTEM -> new FileSystemEncryptedStore(properties);
            case S3 -> S3EncryptedStore.connect(properties);
        };
    }
}
