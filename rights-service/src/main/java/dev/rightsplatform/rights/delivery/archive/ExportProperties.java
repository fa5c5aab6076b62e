package dev.rightsplatform.rights.delivery.archive;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How export archives are built.
 *
 * @param compressionLevel deflate level of the zip entries, 0 (none, fastest) to 9 (smallest)
 * @param maxCsvColumns    a category whose records have more distinct fields than this gets no CSV (its JSON is in
 *                         the archive all the same): the column names are held in memory while the archive is built
 * @param previewRecords   records per category shown in the archive's {@code index.html}
 */
@ConfigurationProperties("rights.export")
public record ExportProperties(
        @Nullable Integer compressionLevel,
        @Nullable Integer maxCsvColumns,
        @Nullable Integer previewRecords) {

    public ExportProperties {
        compressionLevel = compressionLevel == null ? 6 : compressionLevel;
        maxCsvColumns = maxCsvColumns == null ? 500 : maxCsvColumns;
        previewRecords = previewRecords == null ? 5 : previewRecords;
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException("rights.export.compression-level is 0 to 9");
        }
        if (maxCsvColumns < 1 || maxCsvColumns > 10_000) {
            throw new IllegalArgumentException("rights.export.max-csv-columns is 1 to 10000");
        }
        if (previewRecords < 0 || previewRecords > 100) {
            throw new IllegalArgumentException("rights.export.preview-records is 0 to 100");
        }
    }

    /** The defaults: level 6, 500 columns, 5 records shown. */
    public static ExportProperties defaults() {
        return new ExportProperties(null, null, null);
    }

    int level() {
        return compressionLevel == null ? 6 : compressionLevel;
    }

    int columnLimit() {
        return maxCsvColumns == null ? 500 : maxCsvColumns;
    }

    int preview() {
        return previewRecords == null ? 5 : previewRecords;
    }
}
