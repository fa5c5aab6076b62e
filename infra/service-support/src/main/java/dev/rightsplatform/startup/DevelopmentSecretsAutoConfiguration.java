package dev.rightsplatform.startup;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Puts {@link DevelopmentSecretsGuard} into every service that has this module on its class path. */
@AutoConfiguration
public class DevelopmentSecretsAutoConfiguration {

    /** Static: a BeanFactoryPostProcessor must exist before this configuration's own instance does. */
    @Bean
    static DevelopmentSecretsGuard developmentSecretsGuard() {
        return new DevelopmentSecretsGuard();
    }
}
