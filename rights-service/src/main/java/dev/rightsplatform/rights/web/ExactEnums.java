package dev.rightsplatform.rights.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;

/**
 * An enum is named exactly. Jackson trims an unknown name and tries again, and {@code String.trim} drops every
 * character up to U+0020, so {@code "EXPORT\u0000"} became an EXPORT request (found by the bad-input suite). A name
 * with anything around it, or a control character in it, is refused like any other text.
 */
final class ExactEnums extends ValueDeserializerModifier {

    @Override
    public ValueDeserializer<?> modifyEnumDeserializer(
            DeserializationConfig config,
            JavaType type,
            BeanDescription.Supplier description,
            ValueDeserializer<?> deserializer) {
        return new Exact(deserializer);
    }

    private static final class Exact extends DelegatingDeserializer {

        Exact(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Exact(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                var name = p.getString();
                var refusal = TextRules.refusal(name, false);
                if (refusal != null || !name.equals(name.strip())) {
                    throw new TextDeserializer.RefusedText(
                            p, refusal != null ? refusal : "a name with spaces around it");
                }
            }
            return super.deserialize(p, ctxt);
        }
    }
}
