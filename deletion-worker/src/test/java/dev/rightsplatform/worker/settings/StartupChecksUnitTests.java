package dev.rightsplatform.worker.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rightsplatform.worker.connector.CallbackProperties;
import dev.rightsplatform.worker.connector.ConnectedSystem;
import dev.rightsplatform.worker.connector.Connectors;
import dev.rightsplatform.worker.connector.collection.CollectionProperties;
import dev.rightsplatform.worker.connector.collection.PartUploader;
import dev.rightsplatform.worker.connector.keycloak.KeycloakProperties;
import dev.rightsplatform.worker.messaging.ConfirmedPublisher;
import dev.rightsplatform.worker.messaging.MessagingProperties;
import dev.rightsplatform.worker.retry.RetryProperties;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker refuses to start on a wrong or missing setting and names it. Each case starts only the beans that
 * check the setting, so no database or broker is needed.
 */
class StartupChecksUnitTests {

    private static final String CRM = "platform.systems.crm.";

    private final ApplicationContextRunner connectors =
            new ApplicationContextRunner().withUserConfiguration(ConnectorBeans.class);

    @Test
    void validSystemsStartAndTheKeysOfRightsServiceAreIgnored() {
        this.connectors
                .withPropertyValues(
                        CRM + "type=http",
                        CRM + "url=http://127.0.0.1:9101/erase",
                        CRM + "secret=s3cret",
                        CRM + "phase=1",
                        CRM + "sla=2d",
                        CRM + "request-types[0]=DEREGISTER",
                        CRM + "concurrency=3",
                        "platform.systems.accounts.type=KEYCLOAK",
                        "worker.keycloak.client-secret=s3cret",
                        "platform.systems.desk.type=manual")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Connectors connectors = context.getBean(Connectors.class);
                    assertThat(connectors.forSystem("crm")).isPresent();
                    assertThat(connectors.forSystem("accounts")).isPresent();
                    assertThat(connectors.forSystem("desk"))
                            .as("manual: nothing to call")
                            .isEmpty();
                    assertThat(connectors.systems())
                            .extracting(ConnectedSystem::id, ConnectedSystem::concurrency)
                            .containsExactly(tuple("accounts", 2), tuple("crm", 3));
                });
    }

    @Test
    void unknownTypeIsRefused() {
        this.connectors
                .withPropertyValues(CRM + "type=ftp")
                .run(context ->
                        assertRefused(context, CRM + "type", "known types: [http, keycloak, manual, opendsr, sql]"));
    }

    @Test
    void missingTypeIsRefused() {
        this.connectors
                .withPropertyValues(CRM + "url=http://127.0.0.1:9101/erase")
                .run(context -> assertRefused(context, CRM + "type", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65"})
    void concurrencyOutOfRangeIsRefused(String concurrency) {
        this.connectors
                .withPropertyValues(CRM + "type=manual", CRM + "concurrency=" + concurrency)
                .run(context -> assertRefused(context, CRM + "concurrency", "between 1 and 64"));
    }

    @Test
    void aReservedSystemIdIsRefused() {
        this.connectors
                .withPropertyValues("platform.systems.parked.type=manual")
                .run(context -> assertRefused(context, "platform.systems.parked", "reserved"));
    }

    @Test
    void httpSystemWithoutUrlIsRefused() {
        this.connectors
                .withPropertyValues(CRM + "type=http", CRM + "secret=s3cret")
                .run(context -> assertRefused(context, CRM + "url", "is required"));
    }

    @Test
    void httpSystemWithANonHttpUrlIsRefused() {
        this.connectors
                .withPropertyValues(CRM + "type=http", CRM + "url=ftp://127.0.0.1/erase", CRM + "secret=s3cret")
                .run(context -> assertRefused(context, CRM + "url", "absolute http or https URL"));
    }

    @Test
    void httpSystemWithoutSecretIsRefused() {
        this.connectors
                .withPropertyValues(CRM + "type=http", CRM + "url=http://127.0.0.1:9101/erase")
                .run(context -> assertRefused(context, CRM + "secret", "is required"));
    }

    @Test
    void httpSystemWithPrecheckButNoPrecheckUrlIsRefused() {
        this.connectors
                .withPropertyValues(
                        CRM + "type=http",
                        CRM + "url=http://127.0.0.1:9101/erase",
                        CRM + "secret=s3cret",
                        CRM + "precheck=true")
                .run(context -> assertRefused(context, CRM + "precheck-url", "is required when precheck is true"));
    }

    @Test
    void anHttpSystemCannotBeNamedOpendsr() {
        this.connectors
                .withPropertyValues(
                        "platform.systems.opendsr.type=http",
                        "platform.systems.opendsr.url=http://h/erase",
                        "platform.systems.opendsr.secret=s3cret")
                .run(context -> assertRefused(context, "platform.systems.opendsr.type", "cannot be http"));
    }

    @Test
    void keycloakSystemWithoutClientSecretIsRefused() {
        this.connectors
                .withPropertyValues("platform.systems.keycloak.type=keycloak")
                .run(context -> assertRefused(context, "worker.keycloak.client-secret", "is required"));
    }

    @Test
    void aBlankPrivilegedRoleOrClientIsRefused() {
        this.connectors
                .withPropertyValues(
                        "platform.systems.keycloak.type=keycloak",
                        "worker.keycloak.client-secret=s3cret",
                        "worker.keycloak.privileged-realm-roles=support-agent, ")
                .run(context -> assertRefused(context, "worker.keycloak.privileged-realm-roles", "blank"));
    }

    @Test
    void aScanRoundLimitBelowTenMillisecondsIsRefused() {
        this.connectors
                .withPropertyValues("worker.callbacks.scan-max-round=0s")
                .run(context -> assertRefused(context, "worker.callbacks.scan-max-round", "at least 10ms"));
    }

    @Test
    void retrySettingsOutOfRangeAreRefused() {
        new ApplicationContextRunner()
                .withUserConfiguration(RetryBeans.class)
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
        rabbit().withPropertyValues(
                        "spring.rabbitmq.publisher-confirm-type=correlated", "spring.rabbitmq.publisher-returns=false")
                .run(context -> assertRefused(context, "spring.rabbitmq.publisher-returns", "must be true"));
    }

    @Test
    void confirmedPublishingStarts() {
        rabbit().withPropertyValues(
                        "spring.rabbitmq.publisher-confirm-type=correlated", "spring.rabbitmq.publisher-returns=true")
                .run(context -> assertThat(context).hasSingleBean(ConfirmedPublisher.class));
    }

    @Test
    void aSettingThatRefersToAnUnsetVariableIsRefused() {
        new ApplicationContextRunner()
                .withBean(UnresolvedSettingsCheck.class)
                .withPropertyValues(CRM + "secret=${NO_SUCH_VARIABLE_IN_ANY_TEST_ENVIRONMENT}")
                .run(context -> assertRefused(
                        context,
                        CRM + "secret",
                        "${NO_SUCH_VARIABLE_IN_ANY_TEST_ENVIRONMENT}, and that variable is not set"));
    }

    @Test
    void variablesOfKeysThatOnlyRightsServiceReadsAreNotTheWorkersConcern() {
        new ApplicationContextRunner()
                .withBean(UnresolvedSettingsCheck.class)
                .withPropertyValues(CRM + "sla=${NO_SUCH_VARIABLE_IN_ANY_TEST_ENVIRONMENT}")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void resolvedSettingsPass() {
        new ApplicationContextRunner()
                .withBean(UnresolvedSettingsCheck.class)
                .withPropertyValues("SOME_SECRET=s3cret", CRM + "secret=${SOME_SECRET}")
                .run(context -> assertThat(context).hasNotFailed());
    }

    private static ApplicationContextRunner rabbit() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class))
                .withUserConfiguration(MessagingBeans.class);
    }

    static void assertRefused(AssertableApplicationContext context, String setting, String problem) {
        assertThat(context).hasFailed();
        Throwable cause = context.getStartupFailure();
        while (cause != null && !(cause instanceof InvalidSettingException)) {
            cause = cause.getCause();
        }
        assertThat(cause)
                .as("an InvalidSettingException in %s", context.getStartupFailure())
                .isInstanceOf(InvalidSettingException.class);
        assertThat(((InvalidSettingException) cause).setting()).isEqualTo(setting);
        assertThat(cause.getMessage()).contains(setting).contains(problem);
    }

    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = {Connectors.class, PartUploader.class})
    @EnableConfigurationProperties({KeycloakProperties.class, CallbackProperties.class, CollectionProperties.class})
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
    static class RetryBeans {}

    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = ConfirmedPublisher.class)
    @EnableConfigurationProperties(MessagingProperties.class)
    static class MessagingBeans {}
}
