package dev.rightsplatform.rights.delivery.archive;

import org.apache.commons.csv.CSVFormat;

/**
 * How the CSV files of an archive are written: RFC 4180 (comma, CRLF, fields quoted with {@code "} where needed),
 * UTF-8 without a byte-order mark, a header row of column names.
 *
 * <p>Against CSV (formula) injection: a text value or column name that starts with {@code = + - @}, a tab or a
 * carriage return is written with a single quote {@code '} before it, so a spreadsheet shows it as text instead of
 * running it as a formula (OWASP's advice). JSON numbers are written as they are, negative ones too: they are not
 * formulas. The JSON file of the system beside the CSV keeps every value unchanged.
 */
final class CsvCells {

    static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private CsvCells() {}

    /** A text value made safe to open in a spreadsheet. */
    static String text(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }
}
