package dev.rightsplatform.rights.report;

import dev.rightsplatform.rights.web.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The privacy officer's reports (role enforced in SecurityConfig), as JSON or, with {@code Accept: text/csv} or
 * {@code format=csv}, as a CSV download.
 */
@RestController
@RequestMapping("/api/v1/officer/reports")
class ReportController {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final ComplianceReports compliance;
    private final CcpaReports ccpa;
    private final Clock clock;

    ReportController(ComplianceReports compliance, CcpaReports ccpa, Clock clock) {
        this.compliance = compliance;
        this.ccpa = ccpa;
        this.clock = clock;
    }

    @GetMapping
    Mono<ResponseEntity<Object>> report(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String jurisdiction,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        var query = ReportQuery.parse(from, to, period, jurisdiction, clock);
        var csv = wantsCsv(format, accept);
        return compliance
                .report(query)
                .map(report -> csv
                        ? csv("compliance-report-" + query.from() + "-" + query.to() + ".csv", ReportCsv.of(report))
                        : ResponseEntity.ok()
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(report));
    }

    /** The §7102 metrics of a calendar year; by default the last complete one, the year a business publishes. */
    @GetMapping("/ccpa")
    Mono<ResponseEntity<Object>> ccpa(
            @RequestParam(required = false) @Nullable String year,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        var chosen = year(year);
        var csv = wantsCsv(format, accept);
        return ccpa.report(chosen)
                .map(report -> csv
                        ? csv("ccpa-metrics-" + chosen + ".csv", ReportCsv.of(report))
                        : ResponseEntity.ok()
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(report));
    }

    private int year(@Nullable String text) {
        var current = LocalDate.now(clock.withZone(CcpaReports.ZONE)).getYear();
        if (text == null) {
            return current - 1;
        }
        if (!text.matches("^[0-9]{4}$")
                || Integer.parseInt(text) < ReportQuery.EARLIEST.getYear()
                || Integer.parseInt(text) > current) {
            throw ApiException.invalidField("year", "must be a year from 2000 to " + current);
        }
        return Integer.parseInt(text);
    }

    /** {@code format} decides when given; otherwise an Accept header naming text/csv. */
    private static boolean wantsCsv(@Nullable String format, @Nullable String accept) {
        if (format != null) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiException.invalidField("format", "must be json or csv");
            };
        }
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> "text".equals(type.getType()) && "csv".equals(type.getSubtype()));
        } catch (InvalidMediaTypeException e) {
            throw ApiException.invalidField("Accept", "is not a list of media types");
        }
    }

    private static ResponseEntity<Object> csv(String filename, String body) {
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .body(body);
    }
}
