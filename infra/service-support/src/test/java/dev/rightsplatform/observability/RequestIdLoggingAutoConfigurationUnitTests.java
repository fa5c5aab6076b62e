package dev.rightsplatform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

/** Every reactive web service gets the filter; anything else (a worker without a web server) does not. */
class RequestIdLoggingAutoConfigurationUnitTests {

    private static final AutoConfigurations CONFIGURATION =
            AutoConfigurations.of(RequestIdLoggingAutoConfiguration.class);

    @Test
    void aReactiveWebServiceGetsTheFilter() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(CONFIGURATION)
                .run(context -> assertThat(context).hasSingleBean(RequestIdLogging.class));
    }

    @Test
    void anApplicationWithoutAWebServerDoesNot() {
        new ApplicationContextRunner()
                .withConfiguration(CONFIGURATION)
                .run(context -> assertThat(context).doesNotHaveBean(RequestIdLogging.class));
    }
}
