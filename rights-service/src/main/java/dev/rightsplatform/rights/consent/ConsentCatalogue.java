package dev.rightsplatform.rights.consent;

import dev.rightsplatform.rights.system.SystemRegistry;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The purposes people can consent to, from {@code rights.consent.purposes}, checked at start-up: ids of lowercase
 * letters, digits and dashes; a title and every notice version in both languages; versions are positive numbers. The
 * registry's {@code purposes} must name catalogued purposes, or a withdrawal would silently miss a system.
 */
@Component
class ConsentCatalogue {

    /** Path segments of the consent API that a purpose id would shadow. */
    private static final Set<String> RESERVED = Set.of("purposes", "history");

    private static final String VERSION = "^[1-9][0-9]{0,8}$";

    private final Map<String, Purpose> purposes;
    private final List<String> gpcPurposes;

    ConsentCatalogue(ConsentProperties properties, SystemRegistry registry) {
        var checked = new HashMap<String, Purpose>();
        properties.purposes().forEach((id, settings) -> checked.put(id, check(id, settings)));
        this.purposes = Map.copyOf(checked);
        this.gpcPurposes = checked.values().stream()
                .filter(Purpose::gpc)
                .map(Purpose::id)
                .sorted()
                .toList();
        registry.systems()
                .forEach((systemId, system) -> system.purposes().stream()
                        .filter(purpose -> !purposes.containsKey(purpose))
                        .findFirst()
                        .ifPresent(purpose -> {
                            throw new IllegalStateException("platform.systems." + systemId + ".purposes: '" + purpose
                                    + "' is not in the consent catalogue (rights.consent.purposes)");
                        }));
    }

    /** Every purpose, by id. */
    List<Purpose> all() {
        return purposes.values().stream()
                .sorted(Comparator.comparing(Purpose::id))
                .toList();
    }

    Optional<Purpose> find(String id) {
        return Optional.ofNullable(purposes.get(id));
    }

    /** The purpose, or a 404 problem naming none of the caller's input. */
    Purpose require(String id) {
        return find(id).orElseThrow(() -> new ApiException(
                ProblemType.PURPOSE_NOT_FOUND,
                "There is no consent purpose with this id; GET /api/v1/consents/purposes lists them."));
    }

    /** The purposes Global Privacy Control opts out of, by id. */
    List<String> gpcPurposes() {
        return gpcPurposes;
    }

    private static Purpose check(String id, ConsentProperties.PurposeSettings settings) {
        var where = "rights.consent.purposes." + id;
        if (!id.matches(SystemRegistry.ID) || RESERVED.contains(id)) {
            throw new IllegalStateException(where + ": '" + id + "' is not a valid purpose id (lowercase letters, "
                    + "digits and dashes, at most 63; not " + RESERVED + ")");
        }
        if (settings.title() == null) {
            throw new IllegalStateException(where + ".title is required, in en and zh-CN");
        }
        var title = bothLanguages(where + ".title", settings.title());
        if (settings.notices() == null || settings.notices().isEmpty()) {
            throw new IllegalStateException(where + ".notices needs at least one version");
        }
        var notices = new TreeMap<Integer, Map<String, String>>();
        settings.notices().forEach((version, texts) -> {
            if (!version.matches(VERSION)) {
                throw new IllegalStateException(where + ".notices: version '" + version + "' is not a positive number");
            }
            if (notices.put(Integer.parseInt(version), bothLanguages(where + ".notices." + version, texts)) != null) {
                throw new IllegalStateException(where + ".notices: version " + version + " is given twice");
            }
        });
        return new Purpose(id, title, Collections.unmodifiableNavigableMap(notices), settings.gpc());
    }

    private static Map<String, String> bothLanguages(String where, Map<String, String> texts) {
        var byLanguage = new HashMap<String, String>();
        texts.forEach((key, text) -> {
            var language = NoticeLanguage.ofKey(key);
            if (language == null) {
                throw new IllegalStateException(where + ": language '" + key + "' is not en or zh-CN");
            }
            if (text == null || text.isBlank()) {
                throw new IllegalStateException(where + "." + key + " is empty");
            }
            byLanguage.put(language, text.strip());
        });
        var missing = List.of(NoticeLanguage.EN, NoticeLanguage.ZH_CN).stream()
                .filter(language -> !byLanguage.containsKey(language))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(where + ": the text in " + String.join(" and ", missing) + " is missing");
        }
        return Map.copyOf(byLanguage);
    }

    /** One catalogued purpose: its title and notices by language, its notice versions (the highest is current). */
    record Purpose(
            String id, Map<String, String> title, NavigableMap<Integer, Map<String, String>> notices, boolean gpc) {

        String currentVersion() {
            return String.valueOf(notices.lastKey());
        }

        boolean knows(String version) {
            return version.matches(VERSION) && notices.containsKey(Integer.parseInt(version));
        }

        String title(String language) {
            return title.get(language);
        }

        String currentNotice(String language) {
            return notices.lastEntry().getValue().get(language);
        }
    }
}
