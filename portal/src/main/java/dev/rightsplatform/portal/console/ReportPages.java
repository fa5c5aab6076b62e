package dev.rightsplatform.portal.console;

import dev.rightsplatform.portal.api.ApiProblem;
import dev.rightsplatform.portal.api.OfficerApi;
import dev.rightsplatform.portal.api.OfficerReports;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The privacy officer's pages: the compliance report (filters, a table, charts drawn by {@code assets/reports.js} from
 * that table with uPlot, CSV and JSON downloads), the CCPA §7102 metrics of a year (printable), and the audit trail's
 * check. rights-service computes everything and decides who may see it: anyone else gets the console's "for the
 * privacy officer" page.
 */
@Controller
class ReportPages {

    private static final ZoneId CALIFORNIA = ZoneId.of("America/Los_Angeles");

    private final OfficerApi api;

    ReportPages(OfficerApi api) {
        this.api = api;
    }

    @GetMapping("/console/reports")
    Mono<Rendering> reports(ServerWebExchange exchange) {
        var filter = ReportFilter.of(exchange.getRequest().getQueryParams());
        var page = Rendering.view("console/reports")
                .modelAttribute("console", true)
                .modelAttribute("filter", filter)
                .modelAttribute("csvUrl", exportUrl(filter, "csv"))
                .modelAttribute("jsonUrl", exportUrl(filter, "json"));
        if (filter.backwards()) {
            return Mono.just(page.modelAttribute("backwards", true).build());
        }
        return asOfficer(api.compliance(ConsoleCalls.call(exchange), filter.parameters()))
                .map(report -> page.modelAttribute("report", report)
                        .modelAttribute(
                                "rows",
                                report.rows().stream().filter(r -> !r.isTotal()).toList())
                        .modelAttribute(
                                "total",
                                report.rows().stream()
                                        .filter(OfficerReports.Row::isTotal)
                                        .findFirst()
                                        .orElse(null))
                        .build());
    }

    @GetMapping("/console/reports/export")
    Mono<ResponseEntity<byte[]>> export(ServerWebExchange exchange) {
        var query = exchange.getRequest().getQueryParams();
        var filter = ReportFilter.of(query);
        var csv = !"json".equals(query.getFirst("format"));
        return asOfficer(api.download(
                        ConsoleCalls.call(exchange),
                        "/api/v1/officer/reports",
                        filter.parameters(),
                        csv,
                        "compliance-report-" + filter.from() + "-" + filter.to() + (csv ? ".csv" : ".json")))
                .map(ReportPages::file);
    }

    @GetMapping("/console/reports/ccpa")
    Mono<Rendering> ccpa(ServerWebExchange exchange) {
        var year = year(exchange.getRequest().getQueryParams().getFirst("year"));
        return asOfficer(api.ccpa(ConsoleCalls.call(exchange), year))
                .map(report -> Rendering.view("console/ccpa")
                        .modelAttribute("console", true)
                        .modelAttribute("report", report)
                        .modelAttribute("years", years())
                        .build());
    }

    @GetMapping("/console/reports/ccpa/export")
    Mono<ResponseEntity<byte[]>> ccpaExport(ServerWebExchange exchange) {
        var query = exchange.getRequest().getQueryParams();
        var year = year(query.getFirst("year"));
        var csv = !"json".equals(query.getFirst("format"));
        return asOfficer(api.download(
                        ConsoleCalls.call(exchange),
                        "/api/v1/officer/reports/ccpa",
                        Map.of("year", String.valueOf(year)),
                        csv,
                        "ccpa-metrics-" + year + (csv ? ".csv" : ".json")))
                .map(ReportPages::file);
    }

    @GetMapping("/console/audit")
    Mono<Rendering> audit(ServerWebExchange exchange) {
        return asOfficer(api.auditCheck(ConsoleCalls.call(exchange)))
                .map(check -> Rendering.view("console/audit")
                        .modelAttribute("console", true)
                        .modelAttribute("check", check)
                        .build());
    }

    /** A year a report can be asked for: 2000 to the current one; by default the last complete year. */
    private static int year(@org.jspecify.annotations.Nullable String text) {
        var last = LocalDate.now(CALIFORNIA).getYear() - 1;
        if (text == null || !text.matches("^[0-9]{4}$")) {
            return last;
        }
        var year = Integer.parseInt(text);
        return year < 2000 || year > last + 1 ? last : year;
    }

    /** The years the CCPA page offers: this one and the ten before. */
    private static List<Integer> years() {
        var current = LocalDate.now(CALIFORNIA).getYear();
        return java.util.stream.IntStream.rangeClosed(0, 10)
                .mapToObj(back -> current - back)
                .toList();
    }

    private static String exportUrl(ReportFilter filter, String format) {
        var url = UriComponentsBuilder.fromPath("/console/reports/export");
        filter.parameters().forEach(url::queryParam);
        url.queryParam("format", format);
        return url.encode().build().toUriString();
    }

    private static ResponseEntity<byte[]> file(OfficerReports.Download download) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.contentType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(download.filename())
                                .build()
                                .toString())
                .body(download.body());
    }

    /** rights-service's 401/403 (an agent who is not the officer, a person) is the console's "officer only" page. */
    private static <T> Mono<T> asOfficer(Mono<T> call) {
        return call.onErrorMap(
                problem -> problem instanceof ApiProblem api && (api.status() == 403 || api.status() == 401),
                problem -> new ResponseStatusException(HttpStatus.FORBIDDEN, "officer"));
    }
}
