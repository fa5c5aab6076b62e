package dev.rightsplatform.worker.connector;

import dev.rightsplatform.worker.settings.InvalidSettingException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * One registry entry as a connector type sees it: the shared keys, and a way to bind the keys of its own type
 * ({@code platform.systems.<id>.*}) to a record, with placeholders resolved and relaxed names (precheck-url ->
 * precheckUrl) as anywhere in Spring Boot.
 */
public record SystemDefinition(String id, SystemSettings settings, Binder binder) {

    /** The full name of one of this system's settings, for messages: platform.systems.&lt;id&gt;.&lt;name&gt;. */
    public String key(String name) {
        return SystemsProperties.PREFIX + "." + this.id + "." + name;
    }

    /** This system's settings bound to the type's own record (missing keys bind as null or their default). */
    public <T> T bind(Class<T> type) {
        return this.binder.bindOrCreate(SystemsProperties.PREFIX + "." + this.id, Bindable.of(type));
    }

    /** What rights-service will send this system (its request-types and purposes). */
    public ServedRequests served() {
        return bind(ServedRequests.class);
    }

    public InvalidSettingException invalid(String name, String problem) {
        return new InvalidSettingException(key(name), problem);
    }
}
