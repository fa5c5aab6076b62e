package dev.rightsplatform.rights.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rightsplatform.rights.system.SystemRegistry;
import dev.rightsplatform.rights.type.RequestType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue refuses to start on a setting that would mislead people or miss a system, and names the setting. */
class ConsentCatalogueUnitTests {

    private static final SystemRegistry NO_PURPOSES = registry(Set.of());

    @Test
    void theHighestVersionIsCurrentCountingNumerically() {
        var notices = new LinkedHashMap<String, Map<String, String>>();
        notices.put("9", both("nine"));
        notices.put("10", both("ten"));
        var catalogue = new ConsentCatalogue(
                properties(
                        "news",
                        new ConsentProperties.PurposeSettings(Map.of("en", "News", "zh-cn", "新闻"), notices, true)),
                NO_PURPOSES);
        var news = catalogue.require("news");
        assertThat(news.currentVersion()).isEqualTo("10");
        assertThat(news.currentNotice("zh-CN")).isEqualTo("ten (zh)");
        assertThat(news.title("zh-CN")).as("language keys in any case").isEqualTo("新闻");
        assertThat(news.knows("9")).isTrue();
        assertThat(news.knows("11")).isFalse();
        assertThat(news.knows("09")).isFalse();
        assertThat(catalogue.gpcPurposes()).containsExactly("news");
    }

    @Test
    void aTextMissingInOneLanguageStopsTheStart() {
        assertThatThrownBy(() -> new ConsentCatalogue(
                        properties(
                                "news",
                                new ConsentProperties.PurposeSettings(
                                        both("News"), Map.of("1", Map.of("en", "only English")), false)),
                        NO_PURPOSES))
                .hasMessageContaining("rights.consent.purposes.news.notices.1")
                .hasMessageContaining("zh-CN is missing");
        assertThatThrownBy(() -> new ConsentCatalogue(
                        properties(
                                "news",
                                new ConsentProperties.PurposeSettings(
                                        Map.of("en", "News", "fr", "Nouvelles"), Map.of("1", both("text")), false)),
                        NO_PURPOSES))
                .hasMessageContaining("'fr' is not en or zh-CN");
        assertThatThrownBy(() -> new ConsentCatalogue(
                        properties(
                                "news", new ConsentProperties.PurposeSettings(null, Map.of("1", both("text")), false)),
                        NO_PURPOSES))
                .hasMessageContaining("rights.consent.purposes.news.title is required");
    }

    @Test
    void idsAndVersionsMustBeWellFormed() {
        for (var id : new String[] {"News", "-news", "purposes", "history", "a".repeat(64)}) {
            assertThatThrownBy(() -> new ConsentCatalogue(properties(id, valid()), NO_PURPOSES))
                    .as(id)
                    .hasMessageContaining("is not a valid purpose id");
        }
        for (var version : new String[] {"0", "v1", "1.1", "-1"}) {
            assertThatThrownBy(() -> new ConsentCatalogue(
                            properties(
                                    "news",
                                    new ConsentProperties.PurposeSettings(
                                            both("News"), Map.of(version, both("text")), false)),
                            NO_PURPOSES))
                    .as(version)
                    .hasMessageContaining("is not a positive number");
        }
        assertThatThrownBy(() -> new ConsentCatalogue(
                        properties("news", new ConsentProperties.PurposeSettings(both("News"), Map.of(), false)),
                        NO_PURPOSES))
                .hasMessageContaining("at least one version");
    }

    @Test
    void aRegistryPurposeOutsideTheCatalogueStopsTheStart() {
        assertThatThrownBy(() -> new ConsentCatalogue(properties("news", valid()), registry(Set.of("newz"))))
                .hasMessageContaining("platform.systems.mailer.purposes: 'newz' is not in the consent catalogue");
        var registry = registry(Set.of("news"));
        new ConsentCatalogue(properties("news", valid()), registry);
        assertThat(registry.processing("news"))
                .extracting(SystemRegistry.Entry::id)
                .containsExactly("mailer");
        assertThat(registry.processing("other")).isEmpty();
    }

    private static ConsentProperties properties(String id, ConsentProperties.PurposeSettings settings) {
        return new ConsentProperties(Map.of(id, settings), null, null);
    }

    private static ConsentProperties.PurposeSettings valid() {
        return new ConsentProperties.PurposeSettings(both("News"), Map.of("1", both("text")), false);
    }

    private static Map<String, String> both(String text) {
        return Map.of("en", text, "zh-CN", text + " (zh)");
    }

    private static SystemRegistry registry(Set<String> purposes) {
        return new SystemRegistry(Map.of(
                "mailer",
                new SystemRegistry.RegisteredSystem(
                        "http",
                        purposes.isEmpty() ? Set.of(RequestType.DEREGISTER) : Set.of(),
                        1,
                        null,
                        false,
                        purposes)));
    }
}
