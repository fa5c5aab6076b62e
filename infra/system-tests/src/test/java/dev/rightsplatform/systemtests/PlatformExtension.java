package dev.rightsplatform.systemtests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the running {@link Platform}: started on first use, shared by every system test class in the run, and
 * stopped when the run ends (JUnit closes AutoCloseable values of the root store). A class marked {@link Replicated}
 * gets the platform of {@link Platform.Options#REPLICAS}; when the running platform was set up otherwise, it is
 * stopped first (both use the same databases and vhost), and the next class that wants the usual one restarts that.
 */
final class PlatformExtension implements ParameterResolver {

    /** The test class needs every service but the portal twice ({@link Platform.Options#REPLICAS}). */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Replicated {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Platform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        var options = context.getRequiredTestClass().isAnnotationPresent(Replicated.class)
                ? Platform.Options.REPLICAS
                : Platform.Options.SYSTEM_TESTS;
        var store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        var running = store.get(Platform.class, Platform.class);
        if (running != null && !running.options().equals(options)) {
            store.remove(Platform.class);
            running.close();
        }
        return store.computeIfAbsent(Platform.class, key -> Platform.start(options), Platform.class);
    }
}
