package dev.rightsplatform.worker.settings;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import dev.rightsplatform.worker.connector.Connectors;
import dev.rightsplatform.worker.connector.SystemsProperties;
import dev.rightsplatform.worker.connector.keycloak.KeycloakProperties;
import dev.rightsplatform.worker.messaging.ConfirmedPublisher;
import dev.rightsplatform.worker.messaging.MessagingProperties;
import dev.rightsplatform.worker.retry.RetryProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker refuses to start on a wrong or missing setting and names it. Each case starts only the beans that
 * check the setting, so no database or broker is needed.
 */
class StartupChecksUnitTests {

    private final ApplicationContextRunner connectors = new ApplicationContextRunner()
        .withUserConfiguration(ConnectorBeans.class);

    @Test
    void validSystemsStart() {
        this.connectors
            .withPropertyValues("worker.systems.crm.type=http", "worker.systems.crm.url=http://127.0.0.1:9101/erase",
                    "worker.systems.crm.secret=s3cret", "worker.systems.accounts.type=KEYCLOAK",
                    "worker.keycloak.client-secret=s3cret")
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Connectors.class).forSystem("crm")).isPresent();
                assertThat(context.getBean(Connectors.class).forSystem("accounts")).isPresent();
                assertThat(context.getBean(Connectors.class).forSystem("orders")).isEmpty();
            });
    }

    @Test
    void unknownTypeIsRefused() {
        this.connectors.withPropertyValues("worker.systems.crm.type=ftp")
            .run(context -> assertRefused(context, "worker.systems.crm.type", "known types: [http, keycloak]"));
    }

    @Test
    void missingTypeIsRefused() {
        this.connectors.withPropertyValues("worker.systems.crm.url=http://127.0.0.1:9101/erase")
            .run(context -> assertRefused(context, "worker.systems.crm.type", "is required"));
    }

    @Test
    void httpSystemWithoutUrlIsRefused() {
        this.connectors.withPropertyValues("worker.systems.crm.type=http", "worker.systems.crm.secret=s3cret")
            .run(context -> assertRefused(context, "worker.systems.crm.url", "is required"));
    }

    @Test
    void httpSystemWithANonHttpUrlIsRefused() {
        this.connectors
            .withPropertyValues("worker.systems.crm.type=http", "worker.systems.crm.url=ftp://127.0.0.1/erase",
                    "worker.systems.crm.secret=s3cret")
            .run(context -> assertRefused(context, "worker.systems.crm.url", "absolute http or https URL"));
    }

    @Test
    void httpSystemWithoutSecretIsRefused() {
        this.connectors
            .withPropertyValues("worker.systems.crm.type=http", "worker.systems.crm.url=http://127.0.0.1:9101/erase")
            .run(context -> assertRefused(context, "worker.systems.crm.secret", "is required"));
    }

    @Test
    void keycloakSystemWithoutClientSecretIsRefused() {
        this.connectors.withPropertyValues("worker.systems.keycloak.type=keycloak")
            .run(context -> assertRefused(context, "worker.keycloak.client-secret", "is required"));
    }

    @Test
    void retrySettingsOutOfRangeAreRefused() {
        new ApplicationContextRunner().withUserConfiguration(RetryBeans.class)
            .withPropertyValues("worker.retry.max-attempts=0")
            .run(context -> assertRefused(context, "worker.retry.max-attempts", "between 1 and 50"));
    }

    @Test
    void publisherConfirmsOffIsRefused() {
        rabbit().withPropertyValues("spring.rabbitmq.publisher-confirm-type=none")
            .run(context -> assertRefused(context, "spring.rabbitmq.publisher-confirm-type", "correlated"));
    }

    @Test
    void simpleConfirmsAreRefusedToo() {
        rabbit().withPropertyValues("spring.rabbitmq.publisher-confirm-type=simple")
            .run(context -> assertRefused(context, "spring.rabbitmq.publisher-confirm-type", "correlated"));
    }

    @Test
    void publisherReturnsOffIsRefused() {
        rabbit()
            .withPropertyValues("spring.rabbitmq.publisher-confirm-type=correlated",
                    "spring.rabbitmq.publisher-returns=false")
            .run(context -> assertRefused(context, "spring.rabbitmq.publisher-returns", "must be true"));
    }

    @Test
    void confirmedPublishingStarts() {
        rabbit()
            .withPropertyValues("spring.rabbitmq.publisher-confirm-type=correlated",
                    "spring.rabbitmq.publisher-returns=true")
            .run(context -> assertThat(context).hasSingleBean(ConfirmedPublisher.class));
    }

    @Test
    void aSettingThatRefersToAnUnsetVariableIsRefused() {
        new ApplicationContextRunner().withBean(UnresolvedSettingsCheck.class)
            .withPropertyValues("worker.systems.crm.secret=${NO_SUCH_VARIABLE_IN_ANY_TEST_ENVIRONMENT}")
            .run(context -> assertRefused(context, "worker.systems.crm.secret",
                    "${NO_SUCH_VARIABLE_IN_ANY_TEST_ENVIRONMENT}, and that variable is not set"));
    }

    @Test
    void resolvedSettingsPass() {
        new ApplicationContextRunner().withBean(UnresolvedSettingsCheck.class)
            .withPropertyValues("SOME_SECRET=s3cret", "worker.systems.crm.secret=${SOME_SECRET}")
            .run(context -> assertThat(context).hasNotFailed());
    }

    private static ApplicationContextRunner rabbit() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class))
            .withUserConfiguration(MessagingBeans.class);
    }

    private static void assertRefused(AssertableApplicationContext context, String setting, String problem) {
        assertThat(context).hasFailed();
        Throwable cause = context.getStartupFailure();
        while (cause != null && !(cause instanceof InvalidSettingException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("an InvalidSettingException in %s", context.getStartupFailure())
            .isInstanceOf(InvalidSettingException.class);
        assertThat(((InvalidSettingException) cause).setting()).isEqualTo(setting);
        assertThat(cause.getMessage()).contains(setting).contains(problem);
    }

    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = Connectors.class)
    @EnableConfigurationProperties({ SystemsProperties.class, KeycloakProperties.class })
    static class ConnectorBeans {

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RetryProperties.class)
    static class RetryBeans {
    }

    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = ConfirmedPublisher.class)
    @EnableConfigurationProperties(MessagingProperties.class)
    static class MessagingBeans {
    }
}
