package dev.rightsplatform.rights.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads every text value of a request body through {@link TextRules}: one-line text unless the field is
 * {@link MultiLineText}. Jackson's own reading comes first, so its coercion settings still apply (a number is no text).
 */
final class TextDeserializer extends StringDeserializer {

    static final TextDeserializer ONE_LINE = new TextDeserializer(false);
    private static final TextDeserializer MULTI_LINE = new TextDeserializer(true);

    private final boolean multiLine;

    private TextDeserializer(boolean multiLine) {
        this.multiLine = multiLine;
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
        var value = super.deserialize(p, ctxt);
        var refusal = value == null ? null : TextRules.refusal(value, multiLine);
        if (refusal != null) {
            throw new RefusedText(p, refusal);
        }
        return value;
    }

    @Override
    public ValueDeserializer<?> createContextual(DeserializationContext ctxt, @Nullable BeanProperty property) {
        return property != null && property.getAnnotation(MultiLineText.class) != null ? MULTI_LINE : ONE_LINE;
    }

    /** A text value {@link TextRules} refused; Jackson adds the path to the field, the problem names it. */
    static final class RefusedText extends MismatchedInputException {

        private final String refusal;

        RefusedText(JsonParser p, String refusal) {
            super(p, "text refused: " + refusal, String.class);
            this.refusal = refusal;
        }

        String refusal() {
            return refusal;
        }
    }
}
