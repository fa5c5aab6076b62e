package dev.rightsplatform.rights.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reading rules of request bodies, on the mapper the service builds (StrictJson over Jackson's defaults): no
 * scalar is converted into another kind, a repeated key is refused, text goes through TextRules; and the field each
 * refusal names (InputProblems).
 */
class StrictJsonUnitTests {

    enum Kind {
        DEREGISTER,
        ACCESS,
        EXPORT
    }

    record Body(
            Kind type,
            String name,
            @MultiLineText String note,
            Integer count,
            Boolean flag,
            Double share,
            List<Item> items) {}

    record Item(String label) {}

    private final JsonMapper bodies = StrictJson.withTextRules(StrictJson.strict(JsonMapper.builder())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":1}",
                "{\"type\":1.0}",
                "{\"type\":true}",
                "{\"type\":\"1\"}",
                "{\"type\":\"\"}",
                "{\"name\":12}",
                "{\"name\":1.5}",
                "{\"name\":false}",
                "{\"count\":\"5\"}",
                "{\"count\":1.5}",
                "{\"count\":true}",
                "{\"flag\":1}",
                "{\"flag\":\"true\"}",
                "{\"share\":\"0.5\"}",
                "{\"share\":true}",
                "{\"name\":[\"a\"]}",
                "{\"name\":{\"a\":1}}"
            })
    void noScalarBecomesAnotherKind(String json) {
        var e = refused(json);
        assertThat(InputProblems.fieldOf(e)).isEqualTo(json.substring(2, json.indexOf('"', 2)));
        assertThat(InputProblems.faultOf(e)).isEqualTo("has the wrong type or value");
    }

    @Test
    void whatIsWrittenAsItsKindIsRead() {
        var body = bodies.readValue(
                "{\"type\":\"EXPORT\",\"name\":\"Anna\",\"note\":\"a\\nb\",\"count\":3,\"flag\":true,"
                        + "\"share\":1,\"items\":[{\"label\":\"x\"}]}",
                Body.class);
        assertThat(body).isEqualTo(new Body(Kind.EXPORT, "Anna", "a\nb", 3, true, 1.0, List.of(new Item("x"))));
    }

    @Test
    void aRepeatedKeyIsRefusedAndNamed() {
        var e = refused("{\"type\":\"DEREGISTER\",\"type\":\"ACCESS\"}");
        assertThat(InputProblems.fieldOf(e)).isEqualTo("type");
        assertThat(InputProblems.faultOf(e)).isEqualTo("appears more than once");
        assertThat(InputProblems.fieldOf(refused("{\"items\":[{\"label\":\"a\",\"label\":\"b\"}]}")))
                .isNotNull();
    }

    @Test
    void controlCharactersAreRefusedWhereverTheTextIs() {
        var e = refused("{\"name\":\"a\\u0000b\"}");
        assertThat(e).isInstanceOf(TextDeserializer.RefusedText.class);
        assertThat(InputProblems.fieldOf(e)).isEqualTo("name");
        assertThat(InputProblems.fieldOf(refused("{\"items\":[{\"label\":\"ok\"},{\"label\":\"\\u0007\"}]}")))
                .isEqualTo("items[1].label");
        assertThat(refused("{\"name\":\"one\\ntwo\"}")).isInstanceOf(TextDeserializer.RefusedText.class);
        assertThat(refused("{\"note\":\"one\\u0000\"}")).isInstanceOf(TextDeserializer.RefusedText.class);
    }

    @Test
    void unknownFieldsAreNamedOnlyWhenTheNameIsPlain() {
        var e = refused("{\"extra\":1}");
        assertThat(InputProblems.fieldOf(e)).isEqualTo("extra");
        assertThat(InputProblems.faultOf(e)).isEqualTo("is not a field of this request");
        assertThat(InputProblems.fieldOf(refused("{\"<script>\":1}"))).isNull();
    }

    private JacksonException refused(String json) {
        var e = catchThrowableOfType(JacksonException.class, () -> bodies.readValue(json, Body.class));
        assertThat(e).as(json).isNotNull();
        return e;
    }
}
