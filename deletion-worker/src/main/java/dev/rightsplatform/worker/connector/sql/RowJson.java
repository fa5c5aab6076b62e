package dev.rightsplatform.worker.connector.sql;

import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One row of a collect query as a JSON object, column label -> value: strings, numbers, booleans and null as
 * themselves; dates and times as ISO-8601 strings; bytea as base64; json and jsonb embedded; arrays as arrays;
 * anything else as its text. Labels should be unique: of two columns with one label, the last wins.
 */
final class RowJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> JSON_TYPES = List.of("json", "jsonb");

    private final JsonMapper json;

    RowJson(JsonMapper json) {
        this.json = json;
    }

    byte[] write(Row row, RowMetadata metadata) {
        ObjectNode record = NODES.objectNode();
        List<? extends ColumnMetadata> columns = metadata.getColumnMetadatas();
        for (int i = 0; i < columns.size(); i++) {
            String label = columns.get(i).getName();
            if (JSON_TYPES.contains(columns.get(i).getType().getName().toLowerCase(Locale.ROOT))) {
                String text = row.get(i, String.class);
                record.set(label, text != null ? this.json.readTree(text) : NODES.nullNode());
            } else {
                record.set(label, value(row.get(i)));
            }
        }
        return this.json.writeValueAsBytes(record);
    }

    static JsonNode value(@Nullable Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.stringNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Short || value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof Float || value instanceof Double) {
            double number = ((Number) value).doubleValue();
            // JSON has no NaN or infinity; PostgreSQL does.
            return Double.isFinite(number) ? NODES.numberNode(number) : NODES.stringNode(value.toString());
        }
        if (value instanceof ByteBuffer bytes) {
            ByteBuffer copy = bytes.duplicate();
            byte[] raw = new byte[copy.remaining()];
            copy.get(raw);
            return NODES.stringNode(Base64.getEncoder().encodeToString(raw));
        }
        if (value instanceof byte[] raw) {
            return NODES.stringNode(Base64.getEncoder().encodeToString(raw));
        }
        String temporal = temporal(value);
        if (temporal != null) {
            return NODES.stringNode(temporal);
        }
        if (value instanceof Object[] elements) {
            ArrayNode array = NODES.arrayNode();
            for (Object element : elements) {
                array.add(value(element));
            }
            return array;
        }
        return NODES.stringNode(value.toString());
    }

    /** ISO-8601, seconds always written (java.time's toString leaves out zero seconds). */
    private static @Nullable String temporal(Object value) {
        if (value instanceof LocalDate date) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
        }
        if (value instanceof LocalDateTime dateTime) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
        }
        if (value instanceof ZonedDateTime dateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
        }
        if (value instanceof Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        if (value instanceof LocalTime time) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
        }
        if (value instanceof OffsetTime time) {
            return DateTimeFormatter.ISO_OFFSET_TIME.format(time);
        }
        return null;
    }
}
