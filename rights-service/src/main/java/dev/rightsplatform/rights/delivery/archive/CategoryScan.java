package dev.rightsplatform.rights.delivery.archive;

import dev.rightsplatform.rights.delivery.collection.PartDocuments;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The first pass over a part while it is copied into the archive: per category, whether every record is a flat
 * object of scalar values (then it gets a CSV), the CSV's columns (the union of fields, in the order first seen) and
 * the first few records for {@code index.html} (values cut to {@value #PREVIEW_CHARS} characters).
 */
final class CategoryScan implements PartDocuments.Visitor {

    static final int PREVIEW_CHARS = 200;

    private final PartDocuments documents;
    private final int maxColumns;
    private final int previewRecords;
    private final Map<String, Category> categories = new LinkedHashMap<>();
    private Category current = new Category("");

    CategoryScan(PartDocuments documents, int maxColumns, int previewRecords) {
        this.documents = documents;
        this.maxColumns = maxColumns;
        this.previewRecords = previewRecords;
    }

    /** What the scan found out about one category. */
    static final class Category {
        final String name;
        long records;
        boolean flat = true;
        boolean tooWide;
        final LinkedHashSet<String> columns = new LinkedHashSet<>();
        final List<Map<String, String>> preview = new ArrayList<>();

        Category(String name) {
            this.name = name;
        }

        /** A CSV is written for a category of flat records that has any, with at least one field. */
        boolean hasCsv() {
            return flat && !tooWide && records > 0 && !columns.isEmpty();
        }
    }

    List<Category> categories() {
        return List.copyOf(categories.values());
    }

    @Override
    public void startCategory(String name) {
        current = new Category(name);
        categories.put(name, current);
    }

    @Override
    public void record(JsonParser parser) throws IOException {
        Map<String, String> shown = current.preview.size() < previewRecords ? new LinkedHashMap<>() : null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value.isStructStart()) {
                current.flat = false;
                current.columns.clear();
                if (shown != null) {
                    shown.put(cut(field), cut(compactJson(parser)));
                } else {
                    parser.skipChildren();
                }
                continue;
            }
            if (current.flat && !current.tooWide && current.columns.add(field) && current.columns.size() > maxColumns) {
                current.tooWide = true;
                current.columns.clear();
            }
            if (shown != null) {
                shown.put(cut(field), cut(value == JsonToken.VALUE_NULL ? "" : parser.getText()));
            }
        }
        current.records++;
        if (shown != null) {
            current.preview.add(shown);
        }
    }

    /** The value as compact JSON, of which only the start is kept (the value itself may be large). */
    private String compactJson(JsonParser parser) {
        var text = new StartOnlyWriter(PREVIEW_CHARS + 1);
        try (JsonGenerator generator = documents.generator(text)) {
            generator.copyCurrentStructure(parser);
        }
        return text.toString();
    }

    /** Keeps the first characters written to it and drops the rest. */
    private static final class StartOnlyWriter extends Writer {
        private final StringBuilder kept = new StringBuilder();
        private final int limit;

        StartOnlyWriter(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            kept.append(chars, off, Math.max(0, Math.min(len, limit - kept.length())));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            return kept.toString();
        }
    }

    private static String cut(String text) {
        return text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS) + "…";
    }
}
