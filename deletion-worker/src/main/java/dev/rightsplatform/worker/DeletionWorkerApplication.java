package dev.rightsplatform.worker;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Starts the deletion worker: consumes rights tasks, carries them out in each downstream system, reports results. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DeletionWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeletionWorkerApplication.class, args);
    }

    /** One clock for every timestamp the worker writes, so tests and signatures agree on "now". */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
