package dev.rightsplatform.r2dbc;

import io.micrometer.context.ContextRegistry;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;

/**
 * {@link DriverContextShield} for every service with R2DBC (rights-service, deletion-worker, notification-service):
 * Spring Boot applies each {@link ConnectionFactoryDecorator} to the driver's connection factory, under the pool.
 */
@AutoConfiguration
@ConditionalOnClass({ConnectionFactory.class, ConnectionFactoryDecorator.class, ContextRegistry.class, Flux.class})
public class DriverContextShieldAutoConfiguration {

    @Bean
    DriverContextShield driverContextShield() {
        return new DriverContextShield();
    }
}
