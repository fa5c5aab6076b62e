package dev.rightsplatform.rights.delivery.archive;

import dev.rightsplatform.rights.delivery.collection.PartDocuments;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The second pass over a part: writes {@code systems/<systemId>/<category>.csv} for each category that the
 * {@link CategoryScan} found flat, a row per record in the columns it found (see {@link CsvCells}).
 */
final class CsvPass implements PartDocuments.Visitor {

    private final ArchiveWriter archive;
    private final String systemId;
    private final Map<String, CategoryScan.Category> categories = new HashMap<>();
    private final List<ArchiveFile> written = new ArrayList<>();
    private CSVPrinter printer;
    private CategoryScan.Category current;

    CsvPass(ArchiveWriter archive, String systemId, List<CategoryScan.Category> scanned) {
        this.archive = archive;
        this.systemId = systemId;
        scanned.forEach(category -> categories.put(category.name, category));
    }

    static String path(String systemId, String category) {
        return "systems/" + systemId + "/" + category + ".csv";
    }

    List<ArchiveFile> written() {
        return List.copyOf(written);
    }

    @Override
    public void startCategory(String name) throws IOException {
        current = categories.get(name);
        if (current == null || !current.hasCsv()) {
            printer = null;
            return;
        }
        var out = new OutputStreamWriter(archive.startFile(path(systemId, name)), StandardCharsets.UTF_8);
        printer = new CSVPrinter(out, CsvCells.FORMAT);
        for (String column : current.columns) {
            printer.print(CsvCells.text(column));
        }
        printer.println();
    }

    @Override
    public void record(JsonParser parser) throws IOException {
        if (printer == null) {
            parser.skipChildren();
            return;
        }
        Map<String, String> row = new HashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            row.put(field, cell(parser, value));
        }
        for (String column : current.columns) {
            printer.print(row.get(column));
        }
        printer.println();
    }

    @Override
    public void endCategory(String name, long records) throws IOException {
        if (printer != null) {
            printer.flush();
            written.add(archive.endFile());
            printer = null;
        }
    }

    private static @Nullable String cell(JsonParser parser, JsonToken value) {
        return switch (value) {
            case VALUE_STRING -> CsvCells.text(parser.getString());
            case VALUE_NULL -> null;
            default -> parser.getText();
        };
    }
}
