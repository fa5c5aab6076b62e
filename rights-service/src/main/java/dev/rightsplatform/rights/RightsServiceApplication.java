package dev.rightsplatform.rights;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** rights-service: owns the lifecycle of every rights request, from submission to proof of completion. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RightsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RightsServiceApplication.class, args);
    }
}
