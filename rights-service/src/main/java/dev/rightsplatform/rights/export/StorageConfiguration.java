package dev.rightsplatform.rights.export;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store of collected parts and export archives: the file system one until an object store implements it. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    EncryptedStore encryptedStore(StorageProperties properties) {
        return new FileSystemEncryptedStore(properties);
    }
}
