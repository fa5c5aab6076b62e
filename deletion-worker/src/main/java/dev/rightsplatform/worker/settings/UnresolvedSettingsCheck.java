package dev.rightsplatform.worker.settings;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * Refuses to start while a setting still refers to a variable nobody set, such as
 * {@code secret: ${WORKER_SYSTEMS_CRM_SECRET}} without that variable. Spring Boot would otherwise bind the
 * placeholder text itself as the value, and the worker would sign calls with the literal string. Runs before any
 * bean is created, so before Flyway or a connection pool try the missing password.
 */
@Component
class UnresolvedSettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final List<String> CHECKED_PREFIXES =
            List.of("worker.", "platform.systems.", "spring.r2dbc.", "spring.flyway.", "spring.rabbitmq.");

    /** Registry keys that only rights-service reads: their variables are set in its environment, not ours. */
    private static final Pattern RIGHTS_SERVICE_KEYS =
            Pattern.compile("^platform\\.systems\\.[^.]+\\.(request-types|phase|sla)([.\\[].*)?$");

    private @Nullable ConfigurableEnvironment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        ConfigurableEnvironment environment = Objects.requireNonNull(this.environment, "environment not set");
        for (String name : checkedNames(environment)) {
            try {
                environment.getProperty(name);
            } catch (IllegalArgumentException unresolved) {
                Object raw = rawValue(environment, name);
                throw new InvalidSettingException(
                        name,
                        "is " + raw + ", and that variable is not set: provide it"
                                + " through the environment (locally, infra/local/dev-secrets.env lists it)");
            }
        }
    }

    private static Set<String> checkedNames(ConfigurableEnvironment environment) {
        Set<String> names = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (CHECKED_PREFIXES.stream().anyMatch(name::startsWith)
                            && !RIGHTS_SERVICE_KEYS.matcher(name).matches()) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    private static Object rawValue(ConfigurableEnvironment environment, String name) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            Object value = source.getProperty(name);
            if (value != null) {
                return value;
            }
        }
        return "unset";
    }
}
