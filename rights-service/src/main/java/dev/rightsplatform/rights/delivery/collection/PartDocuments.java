package dev.rightsplatform.rights.delivery.collection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * The part document, {@code {"categories": {"<category>": [ {record}, ... ], ...}}}, read token by token: its shape
 * is checked and its records handed to a {@link Visitor} one at a time, so a part of any size takes the memory of one
 * value. Category names: 1 to 100 letters, digits, spaces or {@code _ . -} (they name files in an archive).
 */
public final class PartDocuments {

    private static final Pattern CATEGORY = Pattern.compile("[\\p{L}\\p{N} _.\\-]{1,100}");
    private static final String SHAPE = "a part is a JSON object with the single field \"categories\"";

    private final JsonFactory factory;
    private final int maxValueChars;

    PartDocuments(int maxValueChars) {
        this.maxValueChars = maxValueChars;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(maxValueChars)
                        .maxNameLength(maxValueChars)
                        .maxNestingDepth(200)
                        .build())
                // the caller owns the streams: closing a parser or generator must not close them
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
    }

    public JsonParser parser(InputStream in) {
        return factory.createParser(ObjectReadContext.empty(), in);
    }

    public JsonGenerator generator(OutputStream out) {
        return factory.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8);
    }

    public JsonGenerator generator(Writer out) {
        return factory.createGenerator(ObjectWriteContext.empty(), out);
    }

    /** Sees the records of a part, category by category. */
    public interface Visitor {

        default void startCategory(String name) throws IOException {}

        /** The parser is on a record's {@code START_OBJECT}; leave it on the record's {@code END_OBJECT}. */
        void record(JsonParser parser) throws IOException;

        default void endCategory(String name, long records) throws IOException {}
    }

    /**
     * A visitor that checks every string is within the limit: skipping a string would not measure it, and the archive's
     * passes read every string in full. (Jackson's own limit is checked only as its buffers grow, so not exactly.)
     */
    Visitor checkingValues() {
        return parser -> {
            int depth = 1;
            while (depth > 0) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return;
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING || token == JsonToken.PROPERTY_NAME) {
                    int length = token == JsonToken.VALUE_STRING
                            ? parser.getTextLength()
                            : parser.currentName().length();
                    expect(
                            parser,
                            length <= maxValueChars,
                            "a value or name is longer than " + maxValueChars + " characters");
                }
            }
        };
    }

    /**
     * Reads a whole part document, checking its shape, and hands every record to the visitor.
     *
     * @return the record count per category, in the order of the document
     * @throws InvalidPartException when the document is not a part (also for JSON syntax errors and values over the
     *                              limits); IO errors of the stream stay {@link IOException}s
     */
    public Map<String, Long> walk(InputStream in, Visitor visitor) throws IOException {
        try (JsonParser parser = parser(in)) {
            return walk(parser, visitor);
        } catch (JacksonIOException e) {
            throw e.getCause();
        } catch (StreamConstraintsException e) {
            throw new InvalidPartException("a value, name or nesting exceeds the limits" + at(e));
        } catch (JacksonException e) {
            // not chained: the cause's message quotes the input
            throw new InvalidPartException("not valid JSON" + at(e));
        }
    }

    private static Map<String, Long> walk(JsonParser parser, Visitor visitor) throws IOException {
        expect(parser, parser.nextToken() == JsonToken.START_OBJECT, SHAPE);
        expect(
                parser,
                parser.nextToken() == JsonToken.PROPERTY_NAME && "categories".equals(parser.currentName()),
                SHAPE);
        expect(
                parser,
                parser.nextToken() == JsonToken.START_OBJECT,
                "\"categories\" is an object of category names to arrays of records");
        Map<String, Long> counts = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            expect(
                    parser,
                    CATEGORY.matcher(name).matches(),
                    "a category name has 1 to 100 letters, digits, spaces or _ . -");
            expect(parser, !counts.containsKey(name), "a category appears twice");
            expect(parser, parser.nextToken() == JsonToken.START_ARRAY, "a category is an array of records");
            visitor.startCategory(name);
            long records = 0;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                visitor.record(parser);
                records++;
            }
            expect(parser, token == JsonToken.END_ARRAY, "a record is a JSON object");
            counts.put(name, records);
            visitor.endCategory(name, records);
        }
        expect(parser, parser.nextToken() == JsonToken.END_OBJECT, SHAPE);
        expect(parser, parser.nextToken() == null, "nothing may follow the part document");
        return counts;
    }

    private static void expect(JsonParser parser, boolean condition, String what) {
        if (!condition) {
            throw new InvalidPartException(
                    what + " (at byte " + parser.currentTokenLocation().getByteOffset() + ")");
        }
    }

    private static String at(JacksonException e) {
        // only where: Jackson's own message quotes the offending input
        return e.getLocation() == null ? "" : " (at byte " + e.getLocation().getByteOffset() + ")";
    }
}
