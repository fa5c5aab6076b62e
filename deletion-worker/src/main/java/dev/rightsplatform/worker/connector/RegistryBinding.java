package dev.rightsplatform.worker.connector;

import dev.rightsplatform.worker.settings.InvalidSettingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Binds the system registry, {@code platform.systems.*}. Not a plain @ConfigurationProperties: by relaxed binding
 * an environment variable PLATFORM_SYSTEMS_FILE (the registry file's earlier name, still in older deployment
 * scripts; today it is SYSTEM_REGISTRY_FILE) reads as the property platform.systems.file, a system called "file"
 * whose settings are a path, and binding would fail on it. The binder here sees every property source, environment
 * variables included (so PLATFORM_SYSTEMS_CRM_URL still overrides one setting), except that one name.
 */
@Configuration(proxyBeanMethods = false)
class RegistryBinding {

    static final ConfigurationPropertyName FILE_VARIABLE = ConfigurationPropertyName.of("platform.systems.file");

    @Bean
    Binder registryBinder(ConfigurableEnvironment environment) {
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            sources.add(source.filter(name -> !FILE_VARIABLE.equals(name)));
        }
        return new Binder(
                sources,
                new PropertySourcesPlaceholdersResolver(environment),
                ApplicationConversionService.getSharedInstance());
    }

    @Bean
    SystemsProperties systemsProperties(Binder registryBinder) {
        SystemsProperties systems = registryBinder.bindOrCreate("platform", SystemsProperties.class);
        // An entry none of whose keys the worker reads (say, only phase and sla) binds to no SystemSettings at all;
        // it must not vanish silently, since rights-service would still send it tasks.
        registryBinder
                .bind(SystemsProperties.PREFIX, Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of())
                .keySet()
                .stream()
                .filter(id -> !systems.systems().containsKey(id))
                .findFirst()
                .ifPresent(id -> {
                    throw new InvalidSettingException(SystemsProperties.PREFIX + "." + id + ".type", "is required");
                });
        return systems;
    }
}
