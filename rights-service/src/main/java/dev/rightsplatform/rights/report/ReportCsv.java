package dev.rightsplatform.rights.report;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reports as CSV (RFC 4180, CRLF line ends), for spreadsheets. The compliance report is three tables one after the
 * other, each with its own header and separated by an empty line: the rows, the refusals, the systems. A text cell
 * that a spreadsheet would take for a formula (a refusal reason starting with =, +, - or @) gets a leading apostrophe.
 */
final class ReportCsv {

    private static final String CRLF = "\r\n";

    private ReportCsv() {}

    static String of(ComplianceReport report) {
        var csv = new StringBuilder();
        table(
                csv,
                List.of(
                        "period",
                        "jurisdiction",
                        "received",
                        "completed",
                        "refused",
                        "cancelled",
                        "open",
                        "on_time",
                        "on_time_rate",
                        "extended",
                        "median_days_to_close",
                        "p90_days_to_close"),
                report.rows().stream()
                        .map(row -> Stream.<@Nullable Object>of(
                                        row.period(),
                                        row.jurisdiction(),
                                        row.received(),
                                        row.completed(),
                                        row.refused(),
                                        row.cancelled(),
                                        row.open(),
                                        row.onTime(),
                                        row.onTimeRate(),
                                        row.extended(),
                                        row.medianDaysToClose(),
                                        row.p90DaysToClose())
                                .toList())
                        .toList());
        csv.append(CRLF);
        table(
                csv,
                List.of("jurisdiction", "refusal_reason", "refused"),
                report.refusals().stream()
                        .map(r -> List.<@Nullable Object>of(r.jurisdiction(), r.reason(), r.count()))
                        .toList());
        csv.append(CRLF);
        table(
                csv,
                List.of("system", "failed", "agent_retries", "worker_retries"),
                report.systems().stream()
                        .map(s -> List.<@Nullable Object>of(
                                s.systemId(), s.failed(), s.agentRetries(), s.workerRetries()))
                        .toList());
        return csv.toString();
    }

    static String of(CcpaReport report) {
        var csv = new StringBuilder();
        table(
                csv,
                List.of(
                        "year",
                        "request",
                        "offered",
                        "received",
                        "complied_in_whole_or_in_part",
                        "denied",
                        "median_days_to_respond",
                        "mean_days_to_respond"),
                report.categories().stream()
                        .map(c -> Stream.<@Nullable Object>of(
                                        report.year(),
                                        c.request(),
                                        c.offered(),
                                        c.received(),
                                        c.compliedInWholeOrInPart(),
                                        c.denied(),
                                        c.medianDaysToRespond(),
                                        c.meanDaysToRespond())
                                .toList())
                        .toList());
        return csv.toString();
    }

    private static void table(StringBuilder csv, List<String> header, List<List<@Nullable Object>> rows) {
        csv.append(String.join(",", header)).append(CRLF);
        for (var row : rows) {
            csv.append(row.stream().map(ReportCsv::cell).collect(Collectors.joining(",")))
                    .append(CRLF);
        }
    }

    static String cell(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        var text = value.toString();
        if (value instanceof String && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
