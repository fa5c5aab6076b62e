package dev.rightsplatform.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * A service refuses to start with a committed development secret (infra/local/dev-secrets.env) unless the dev profile
 * allows it, and its list of them cannot drift from the file.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevelopmentSecretsGuardUnitTests {

    private static final Path FILE = Path.of("..", "local", "dev-secrets.env");
    /** Variables of dev-secrets.env that no service counts as its secret (the guard's javadoc says why). */
    private static final Set<String> NOT_COUNTED = Set.of("KC_BOOTSTRAP_ADMIN_USERNAME", "KC_BOOTSTRAP_ADMIN_PASSWORD");

    @Test
    void knowsExactlyTheSecretsOfTheCommittedFile() throws IOException {
        var expected = new TreeMap<String, String>();
        committed().forEach((variable, value) -> expected.put(variable, DevelopmentSecretsGuard.sha256(value)));
        assertThat(new TreeMap<>(DevelopmentSecretsGuard.COMMITTED)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void refusesEachCommittedSecretWithoutTheDevProfileNamingTheSettingNotTheValue(String variable, String value) {
        var environment = new MockEnvironment()
                .withProperty("server.port", "8080")
                .withProperty("spring.data.redis.password", value);
        assertThatThrownBy(() -> DevelopmentSecretsGuard.check(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.data.redis.password")
                .hasMessageContaining(variable)
                .hasMessageContaining("'dev' profile")
                .message()
                .doesNotContain(value);
    }

    @Test
    void aDistinctiveSecretCountsUnderAnyNameAShortOneOnlyUnderASecretsName() throws IOException {
        var partner = committed().get("PARTNER_DEMO_CLIENT_SECRET");
        var database = committed().get("RIGHTS_DB_PASSWORD");
        var environment = new MockEnvironment()
                .withProperty("gateway.anything", partner)
                .withProperty("rights.consent.portal-clients[1]", database)
                .withProperty("RIGHTS_DB_PASSWORD", database);
        assertThat(DevelopmentSecretsGuard.committedSecrets(environment))
                .isEqualTo(Map.of(
                        "RIGHTS_DB_PASSWORD", "RIGHTS_DB_PASSWORD", "gateway.anything", "PARTNER_DEMO_CLIENT_SECRET"));
    }

    @Test
    void allowsThemUnderTheDevProfileWithOneWarning(CapturedOutput output) throws IOException {
        var value = committed().get("PARTNER_DEMO_CLIENT_SECRET");
        var environment = new MockEnvironment().withProperty("PARTNER_DEMO_CLIENT_SECRET", value);
        environment.setActiveProfiles("dev");
        assertThatNoException().isThrownBy(() -> DevelopmentSecretsGuard.check(environment));
        assertThat(output)
                .containsOnlyOnce("DEVELOPMENT ONLY")
                .contains("PARTNER_DEMO_CLIENT_SECRET")
                .doesNotContain(value);
    }

    @Test
    void passesWithSecretsOfTheirOwnAndUnresolvedPlaceholders(CapturedOutput output) {
        var environment = new MockEnvironment()
                .withProperty("spring.data.redis.password", "a-real-one-3f9c")
                .withProperty("gateway.some-secret", "${NOBODY_SET_THIS_VARIABLE}")
                .withProperty("spring.data.redis.username", "");
        assertThatNoException().isThrownBy(() -> DevelopmentSecretsGuard.check(environment));
        assertThat(output).doesNotContain("DEVELOPMENT ONLY");
    }

    @Test
    void stopsTheStartBeforeAnyBeanIsMade() throws IOException {
        new ApplicationContextRunner()
                .withBean(DevelopmentSecretsGuard.class)
                .withPropertyValues("spring.data.redis.password=" + committed().get("POSTGRES_PASSWORD"))
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("spring.data.redis.password")
                        .hasStackTraceContaining("POSTGRES_PASSWORD"));
    }

    static Stream<Arguments> secrets() throws IOException {
        return committed().entrySet().stream().map(secret -> Arguments.of(secret.getKey(), secret.getValue()));
    }

    /** The secrets of infra/local/dev-secrets.env that count, with their values as committed. */
    private static Map<String, String> committed() throws IOException {
        var secrets = new TreeMap<String, String>();
        for (var line : Files.readAllLines(FILE)) {
            var trimmed = line.strip();
            var equals = trimmed.indexOf('=');
            if (!trimmed.startsWith("#") && equals > 0) {
                secrets.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
        }
        secrets.keySet().removeAll(NOT_COUNTED);
        return secrets;
    }
}
