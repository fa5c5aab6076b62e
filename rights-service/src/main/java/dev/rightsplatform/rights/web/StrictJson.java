package dev.rightsplatform.rights.web;

import java.util.List;
import java.util.Map;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON is read as written. Jackson's defaults guess: {@code {"type": 1}} became EXPORT (the enum's index), {@code 12}
 * became the text "12", and the last of two {@code "type"} keys won. A guess on a rights request can mean the wrong
 * request, so every such input is refused (400) instead. The rest of the reading rules are spring.jackson settings.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    /** For each kind of target value, the JSON shapes that are not that kind and so are refused rather than converted. */
    private static final Map<LogicalType, List<CoercionInputShape>> REFUSED = Map.of(
            LogicalType.Textual,
                    List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean),
            LogicalType.Enum,
                    List.of(
                            CoercionInputShape.Integer,
                            CoercionInputShape.Float,
                            CoercionInputShape.Boolean,
                            CoercionInputShape.EmptyString),
            LogicalType.Integer,
                    List.of(
                            CoercionInputShape.Float,
                            CoercionInputShape.Boolean,
                            CoercionInputShape.String,
                            CoercionInputShape.EmptyString),
            LogicalType.Float,
                    List.of(CoercionInputShape.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString),
            LogicalType.Boolean,
                    List.of(
                            CoercionInputShape.Integer,
                            CoercionInputShape.Float,
                            CoercionInputShape.String,
                            CoercionInputShape.EmptyString));

    /** Every JSON the service reads with the shared mapper: request bodies, OpenDSR bodies and task results alike. */
    @Bean
    JsonMapperBuilderCustomizer strictJsonInput() {
        return StrictJson::strict;
    }

    /**
     * Request bodies only: their text goes through {@link TextRules}. Messages from the worker keep the shared mapper,
     * since a system's detail text may hold anything and refusing it would strand the task's result. Ordered after
     * Spring Boot's own Jackson codec customizer (order 0), so this decoder is the one used.
     */
    @Bean
    @Order(1)
    CodecCustomizer requestBodyTextRules(JsonMapper json) {
        var bodies = withTextRules(json);
        return codecs -> codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(bodies));
    }

    static JsonMapper.Builder strict(JsonMapper.Builder builder) {
        builder.addModule(new SimpleModule("exact-enums").setDeserializerModifier(new ExactEnums()))
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        REFUSED.forEach((target, shapes) -> builder.withCoercionConfig(
                target, config -> shapes.forEach(shape -> config.setCoercion(shape, CoercionAction.Fail))));
        return builder;
    }

    static JsonMapper withTextRules(JsonMapper json) {
        return json.rebuild()
                .addModule(new SimpleModule("text-rules").addDeserializer(String.class, TextDeserializer.ONE_LINE))
                .build();
    }
}
