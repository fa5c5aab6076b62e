package dev.rightsplatform.rights.deadline;

import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;

/**
 * The jurisdictions and policies the engine knows: the defaults shipped in {@value #DEFAULTS}, with the operator's
 * settings under the same keys laid over them field by field (a setting wins over the default of the same key). It is
 * checked once, at start-up: the service refuses to start and names every wrong setting.
 */
final class DeadlineCatalog {

    static final String DEFAULTS = "deadline/defaults.yml";
    private static final String PREFIX = "rights.deadline";
    private static final Bindable<Map<String, Map<DeadlineKind, StatutoryPolicy>>> POLICIES =
            Bindable.of(ResolvableType.forClassWithGenerics(
                    Map.class,
                    ResolvableType.forClass(String.class),
                    ResolvableType.forClassWithGenerics(Map.class, DeadlineKind.class, StatutoryPolicy.class)));

    private final Map<String, Jurisdiction> jurisdictions = new TreeMap<>();
    private final Map<String, Map<DeadlineKind, StatutoryPolicy>> policies = new TreeMap<>();

    private DeadlineCatalog(
            Map<String, Jurisdiction.Settings> jurisdictions,
            Map<String, Map<DeadlineKind, StatutoryPolicy>> policies) {
        var problems = new ArrayList<String>();
        policies.forEach((regime, byKind) -> {
            var checked = this.policies.computeIfAbsent(regimeName(regime), r -> new EnumMap<>(DeadlineKind.class));
            byKind.forEach((kind, policy) -> {
                problems.addAll(policy.problems(
                        PREFIX + ".policies." + regime + "." + kind.name().toLowerCase(Locale.ROOT)));
                checked.put(kind, policy);
            });
        });
        jurisdictions.forEach((code, settings) -> check(code, settings, problems));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid deadline settings (see " + DEFAULTS + " for the defaults):\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** The shipped defaults overlaid with the environment's {@code rights.deadline.*} settings. */
    static DeadlineCatalog load(Environment environment) {
        var sources = new ArrayList<ConfigurationPropertySource>();
        ConfigurationPropertySources.get(environment).forEach(sources::add);
        defaults().forEach(sources::add); // last: every operator setting comes first
        var binder = new Binder(
                sources,
                new PropertySourcesPlaceholdersResolver(environment),
                ApplicationConversionService.getSharedInstance());
        var jurisdictions = binder.bind(
                        PREFIX + ".jurisdictions", Bindable.mapOf(String.class, Jurisdiction.Settings.class))
                .orElse(Map.of());
        return new DeadlineCatalog(
                jurisdictions, binder.bind(PREFIX + ".policies", POLICIES).orElse(Map.of()));
    }

    Jurisdiction jurisdiction(String code) {
        var jurisdiction = jurisdictions.get(code.trim().toUpperCase(Locale.ROOT));
        if (jurisdiction == null) {
            throw new ApiException(
                    ProblemType.UNKNOWN_JURISDICTION,
                    "No deadline rules are configured for this jurisdiction. Use an ISO 3166 code from 'supported'.",
                    Map.of("supported", List.copyOf(jurisdictions.keySet())));
        }
        return jurisdiction;
    }

    StatutoryPolicy policy(Jurisdiction jurisdiction, DeadlineKind kind) {
        var policy = policies.getOrDefault(jurisdiction.regime(), Map.of()).get(kind);
        if (policy == null) {
            throw new ApiException(
                    ProblemType.NO_DEADLINE_POLICY,
                    "The " + jurisdiction.regime()
                            + " rules configured for this jurisdiction set no deadline for requests of type " + kind
                            + ".");
        }
        return policy;
    }

    Collection<Jurisdiction> jurisdictions() {
        return jurisdictions.values();
    }

    /** Every policy, by regime ({@code UK_GDPR}) and kind. */
    Map<String, Map<DeadlineKind, StatutoryPolicy>> policies() {
        return policies;
    }

    private void check(String key, Jurisdiction.Settings settings, List<String> problems) {
        var code = key.toUpperCase(Locale.ROOT);
        var prefix = PREFIX + ".jurisdictions." + key;
        var regime = settings.regime() == null ? "" : regimeName(settings.regime());
        if (!policies.containsKey(regime)) {
            problems.add(prefix + ".regime names no regime under " + PREFIX + ".policies");
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(String.valueOf(settings.zone()));
        } catch (DateTimeException e) {
            problems.add(prefix + ".zone is not a time zone id such as Europe/Dublin");
        }
        var holidays = settings.holidays();
        if (holidays == null
                || !(holidays.equals(HolidayCalendars.CHINA) || holidays.startsWith(HolidayCalendars.JOLLYDAY))) {
            problems.add(prefix + ".holidays must be '" + HolidayCalendars.CHINA + "' or '" + HolidayCalendars.JOLLYDAY
                    + "<country>[/<subdivision>]'");
        }
        if (zone != null && holidays != null) {
            jurisdictions.put(code, new Jurisdiction(code, regime, zone, holidays));
        }
    }

    /** Regimes are keys in YAML ({@code uk-gdpr}) and values elsewhere ({@code UK_GDPR}): one spelling for both. */
    private static String regimeName(String regime) {
        return regime.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static List<ConfigurationPropertySource> defaults() {
        try {
            return new YamlPropertySourceLoader()
                    .load("rights-service " + DEFAULTS, new ClassPathResource(DEFAULTS)).stream()
                            .map(ConfigurationPropertySource::from)
                            .filter(Objects::nonNull)
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the deadline defaults " + DEFAULTS, e);
        }
    }
}
