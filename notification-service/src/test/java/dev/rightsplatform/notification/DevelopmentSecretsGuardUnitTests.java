package dev.rightsplatform.notification;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * notification-service refuses to start with a committed development secret (infra/local/dev-secrets.env) unless
 * the dev profile allows it, and its list of them cannot drift from the file.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevelopmentSecretsGuardUnitTests {

    /** Variables of dev-secrets.env that no service counts as its secret (the guard's javadoc says why). */
    private static final Set<String> NOT_COUNTED = Set.of("KC_BOOTSTRAP_ADMIN_USERNAME", "KC_BOOTSTRAP_ADMIN_PASSWORD");

    @Test
    void knowsExactlyTheSecretsOfTheCommittedFile() {
        Map<String, String> expected = new TreeMap<>();
        committed().forEach((variable, value) -> expected.put(variable, DevelopmentSecretsGuard.sha256(value)));
        assertThat(new TreeMap<>(DevelopmentSecretsGuard.COMMITTED)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void refusesEachCommittedSecretWithoutTheDevProfileNamingTheSettingNotTheValue(String variable, String value) {
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8082")
            .withProperty("spring.mail.password", value);
        assertThatThrownBy(() -> DevelopmentSecretsGuard.check(environment)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("spring.mail.password")
            .hasMessageContaining(variable)
            .hasMessageContaining("'dev' profile")
            .message()
            .doesNotContain(value);
    }

    @Test
    void aDistinctiveSecretCountsUnderAnyNameAShortOneOnlyUnderASecretsName() {
        String crm = committed().get("WORKER_SYSTEMS_CRM_SECRET");
        String database = committed().get("RIGHTS_DB_PASSWORD");
        MockEnvironment environment = new MockEnvironment().withProperty("notification.anything", crm)
            .withProperty("rights.consent.portal-clients[1]", database)
            .withProperty("RIGHTS_DB_PASSWORD", database);
        assertThat(DevelopmentSecretsGuard.committedSecrets(environment)).isEqualTo(Map.of("RIGHTS_DB_PASSWORD",
                "RIGHTS_DB_PASSWORD", "notification.anything", "WORKER_SYSTEMS_CRM_SECRET"));
    }

    @Test
    void allowsThemUnderTheDevProfileWithOneWarning(CapturedOutput output) {
        String value = committed().get("NOTIFICATION_DB_PASSWORD");
        MockEnvironment environment = new MockEnvironment().withProperty("spring.r2dbc.password", value);
        environment.setActiveProfiles("test", "dev");
        assertThatNoException().isThrownBy(() -> DevelopmentSecretsGuard.check(environment));
        assertThat(output).containsOnlyOnce("DEVELOPMENT ONLY")
            .contains("spring.r2dbc.password", "NOTIFICATION_DB_PASSWORD")
            .doesNotContain(value);
    }

    @Test
    void passesWithSecretsOfTheirOwnAndUnresolvedPlaceholders(CapturedOutput output) {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.r2dbc.password", "a-real-one-3f9c")
            .withProperty("spring.mail.password", "${NOBODY_SET_THIS_VARIABLE}")
            .withProperty("spring.mail.username", "");
        assertThatNoException().isThrownBy(() -> DevelopmentSecretsGuard.check(environment));
        assertThat(output).doesNotContain("DEVELOPMENT ONLY");
    }

    @Test
    void stopsTheStartBeforeAnyBeanIsMade() {
        new ApplicationContextRunner().withBean(DevelopmentSecretsGuard.class)
            .withPropertyValues("spring.mail.password=" + committed().get("RIGHTS_PSEUDONYM_KEY"))
            .run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("spring.mail.password")
                .hasStackTraceContaining("RIGHTS_PSEUDONYM_KEY"));
    }

    static Stream<Arguments> secrets() {
        return committed().entrySet().stream().map(secret -> Arguments.of(secret.getKey(), secret.getValue()));
    }

    /** The secrets of infra/local/dev-secrets.env that count, with their values as committed. */
    private static Map<String, String> committed() {
        Map<String, String> secrets = new TreeMap<>(DevSecrets.committed());
        secrets.keySet().removeAll(NOT_COUNTED);
        return secrets;
    }
}
