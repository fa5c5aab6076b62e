package dev.rightsplatform.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every page text exists in both languages, with the same placeholders, and none is empty. */
class MessagesUnitTests {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)[},]");

    @Test
    void englishAndChineseHaveTheSameKeysAndPlaceholders() throws IOException {
        var english = load("i18n/messages.properties");
        var chinese = load("i18n/messages_zh_CN.properties");

        assertThat(chinese.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        for (var key : english.stringPropertyNames()) {
            assertThat(english.getProperty(key)).as(key).isNotBlank();
            assertThat(chinese.getProperty(key)).as(key).isNotBlank();
            assertThat(placeholders(chinese.getProperty(key)))
                    .as(key)
                    .isEqualTo(placeholders(english.getProperty(key)));
        }
    }

    private static long placeholders(String text) {
        return PLACEHOLDER
                .matcher(text)
                .results()
                .map(match -> match.group(1))
                .distinct()
                .count();
    }

    private static Properties load(String path) throws IOException {
        var properties = new Properties();
        try (var in = MessagesUnitTests.class.getClassLoader().getResourceAsStream(path)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
