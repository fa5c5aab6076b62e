package dev.rightsplatform.rights.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which text passes: everything people write, in any script; no control character, no half of a surrogate pair. */
class TextRulesUnitTests {

    @ParameterizedTest
    @ValueSource(strings = {"", "Anna Müller", "李伟 <liwei@example.cn>", "emoji 🙂 ok", "' OR 1=1 --", "tab\u00a0nbsp"})
    void ordinaryTextPasses(String text) {
        assertThat(TextRules.refusal(text, false)).isNull();
        assertThat(TextRules.refusal(text, true)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u0001", "bell\u0007", "esc\u001b[31m", "del\u007f", "nel\u0085", "csi\u009b"})
    void controlCharactersAreRefusedEverywhere(String text) {
        assertThat(TextRules.refusal(text, false)).contains("control characters");
        assertThat(TextRules.refusal(text, true)).contains("control characters");
    }

    @Test
    void lineBreaksAndTabsOnlyInMultiLineText() {
        for (var text : new String[] {"one\ntwo", "one\r\ntwo", "a\tb"}) {
            assertThat(TextRules.refusal(text, false)).as(text).contains("control characters");
            assertThat(TextRules.refusal(text, true)).as(text).isNull();
        }
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        assertThat(TextRules.refusal("a\ud800", false)).contains("surrogate");
        assertThat(TextRules.refusal("\udc00a", true)).contains("surrogate");
        assertThat(TextRules.refusal("\ud83d\ude42", false)).isNull();
    }
}
