package dev.rightsplatform.startup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Refuses to start while any setting (environment variables included, as resolved) holds one of the committed
 * development secrets of {@code infra/local/dev-secrets.env}: they are public and protect nothing. Under the
 * {@code dev} profile, which the local platform and the tests activate, it logs one warning instead. Runs before any
 * bean is created, so before anything logs in with such a secret.
 *
 * <p>The secrets are known by their SHA-256 only, so that this file does not spread them; a unit test keeps the list
 * equal to the file. Not counted: {@code KC_BOOTSTRAP_ADMIN_USERNAME} (no secret) and
 * {@code KC_BOOTSTRAP_ADMIN_PASSWORD} ({@code admin}: Keycloak's own login, which no service is given, and an ordinary
 * word). The database passwords are short and ordinary too ({@code rights-dev} is also the development portal's client
 * id), so a value under {@value #DISTINCTIVE_LENGTH} characters counts only in a setting whose name says it holds a
 * secret (ending in password, secret, key or token).
 *
 * <p>Every service gets it from {@link DevelopmentSecretsAutoConfiguration}, one copy for all of them.
 */
public final class DevelopmentSecretsGuard implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentSecretsGuard.class);

    static final String DEVELOPMENT_PROFILE = "dev";

    /** SHA-256 (hex) of each committed development secret, by its variable in infra/local/dev-secrets.env. */
    static final Map<String, String> COMMITTED = Map.ofEntries(
            Map.entry("RIGHTS_DB_PASSWORD", "e544090fa4c9c43df0b81b90bb71add6ddb92086842306413c58c15abe28e829"),
            Map.entry("WORKER_DB_PASSWORD", "89d6ba37ed3e405ec7f8e3ac627839e245b6f49fc9485811626d0592799ebc2e"),
            Map.entry("NOTIFICATION_DB_PASSWORD", "bf81cad5284b81dd5b06f6ba4b7cacc57f1cf86adf298fe86eb3d7c8bfad97d2"),
            Map.entry("RIGHTS_PSEUDONYM_KEY", "23208c5630ae6b3b13273e3422bb36be3f5d8c1b98eefdd041c0847bdf61d024"),
            Map.entry("RIGHTS_STORAGE_MASTER_KEY", "83bda27da47d60215f08b48d15c074ede5ad869c03a4b9fa426f01aae0cc354b"),
            Map.entry(
                    "RIGHTS_OPENDSR_KEYSTORE_PASSWORD",
                    "59900d4b0415511c98df41054b37102b4cbb0c96f4588e619553f0981e759e4c"),
            Map.entry(
                    "RIGHTS_DIRECTORY_CLIENT_SECRET",
                    "76b2cb84647a1e6ee85d017ca4ae2626eb96deb0df9115d259306fe10162f6fa"),
            Map.entry("RIGHTS_RECEIPTS_LINK_KEY", "11536c8bf438c0abe83a72847a80058022d9943fa652ef7aaa27487e3d2c31a7"),
            Map.entry(
                    "WORKER_KEYCLOAK_CLIENT_SECRET",
                    "1a508c51f37a3a4ef577464275489364ae53aa62ebb7192d2f6e6634345509ce"),
            Map.entry("WORKER_SYSTEMS_CRM_SECRET", "8ec8a9a5e334c8e451f38a4aa982cb732a6185d06851bbc1ddad91bb793e4f6c"),
            Map.entry(
                    "WORKER_SYSTEMS_ORDERS_SECRET", "4bb58c5c2e922eb1b121a58236e2efcc64a04c654bf0cda0566603edc9859b3f"),
            Map.entry("PARTNER_DEMO_CLIENT_SECRET", "fcb6c18838d67e8782c78a0e8d14899dcdc96216f1d51c0afd582c66efb04fba"),
            Map.entry("PORTAL_CLIENT_SECRET", "b71073a924f840320034c4c99753d1db82d42e8e1874956c577a4a28783f968a"),
            Map.entry("POSTGRES_PASSWORD", "0e4fec4e9f2c51fc5cc9f76846002d6b6c8be339196cf57192ab3572d8cfa601"));

    static final int DISTINCTIVE_LENGTH = 20;

    private static final Map<String, String> VARIABLE_BY_HASH =
            COMMITTED.entrySet().stream().collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|key|token)(\\[\\d+])?");

    private @Nullable ConfigurableEnvironment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(Objects.requireNonNull(environment, "environment not set"));
    }

    static void check(ConfigurableEnvironment environment) {
        var found = committedSecrets(environment);
        if (found.isEmpty()) {
            return;
        }
        var variables = new TreeSet<>(found.values());
        if (environment.matchesProfiles(DEVELOPMENT_PROFILE)) {
            log.warn(
                    "DEVELOPMENT ONLY: the committed development secrets {} of infra/local/dev-secrets.env are in"
                            + " settings {}, allowed by the '{}' profile",
                    variables,
                    found.keySet(),
                    DEVELOPMENT_PROFILE);
            return;
        }
        throw new IllegalStateException(environment.getProperty("spring.application.name", "the service")
                + " refuses to start: the committed development secrets "
                + String.join(", ", variables) + " of infra/local/dev-secrets.env, public and protecting nothing,"
                + " are in settings " + String.join(", ", found.keySet()) + ". Give those settings secrets of their"
                + " own; only a development machine may run with the '" + DEVELOPMENT_PROFILE
                + "' profile, which allows them");
    }

    /** Each setting that holds a committed secret, with the secret's variable; sorted, environment variables first. */
    static Map<String, String> committedSecrets(ConfigurableEnvironment environment) {
        Set<String> names = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                Collections.addAll(names, enumerable.getPropertyNames());
            }
        }
        Map<String, String> found = new TreeMap<>();
        for (var name : names) {
            var value = resolved(environment, name);
            if (value != null
                    && (value.length() >= DISTINCTIVE_LENGTH
                            || SECRET_NAME.matcher(name).matches())) {
                var variable = VARIABLE_BY_HASH.get(sha256(value));
                if (variable != null) {
                    found.put(name, variable);
                }
            }
        }
        return found;
    }

    private static @Nullable String resolved(Environment environment, String name) {
        try {
            return environment.getProperty(name);
        } catch (IllegalArgumentException | ConversionException notText) {
            // a placeholder nobody set (reported where it is used) or a value that is no text: not a secret
            return null;
        }
    }

    static String sha256(String value) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
