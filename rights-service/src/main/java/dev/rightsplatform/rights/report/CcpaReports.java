package dev.rightsplatform.rights.report;

import dev.rightsplatform.rights.consent.SaleSharingPurposes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Computes the {@link CcpaReport} of a year with one aggregate query. */
@Component
class CcpaReports {

    /** California time: the year a request falls in is the year in which California received it. */
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    private static final String DAYS = "extract(epoch from closed_at - received_at) / 86400.0";

    private static final String ANSWERED = "status in ('COMPLETED', 'REFUSED')";

    private final DatabaseClient db;
    private final SaleSharingPurposes saleSharing;
    private final Clock clock;

    CcpaReports(DatabaseClient db, SaleSharingPurposes saleSharing, Clock clock) {
        this.db = db;
        this.saleSharing = saleSharing;
        this.clock = clock;
    }

    Mono<CcpaReport> report(int year) {
        var generatedAt = clock.instant();
        var sql = """
                select kind,
                       count(*) as received,
                       count(*) filter (where status = 'COMPLETED') as complied,
                       count(*) filter (where status = 'REFUSED') as denied,
                       percentile_cont(0.5) within group (order by %s) filter (where %s) as median_days,
                       avg(%s) filter (where %s) as mean_days
                from (
                    select case
                               when type in ('ACCESS', 'EXPORT') then 'KNOW'
                               when type = 'DEREGISTER' then 'DELETE'
                               when type = 'WITHDRAW_CONSENT' and purpose = any(:saleSharing) then 'OPT_OUT'
                           end as kind,
                           status, received_at, closed_at
                    from rights_request
                    where regime = 'CCPA' and received_at >= :from and received_at < :to
                ) as scoped
                where kind is not null
                group by kind""".formatted(DAYS, ANSWERED, DAYS, ANSWERED);
        return db.sql(sql)
                .bind("saleSharing", saleSharing.ids().toArray(String[]::new))
                .bind("from", LocalDate.of(year, 1, 1).atStartOfDay(ZONE).toOffsetDateTime())
                .bind("to", LocalDate.of(year + 1, 1, 1).atStartOfDay(ZONE).toOffsetDateTime())
                .map(row -> {
                    var kind = CcpaReport.Kind.valueOf(ComplianceReports.text(row, "kind"));
                    return Map.entry(
                            kind,
                            new CcpaReport.Category(
                                    kind.label,
                                    true,
                                    ComplianceReports.number(row, "received"),
                                    ComplianceReports.number(row, "complied"),
                                    ComplianceReports.number(row, "denied"),
                                    ComplianceReports.days(row, "median_days"),
                                    ComplianceReports.days(row, "mean_days")));
                })
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, () -> new EnumMap<>(CcpaReport.Kind.class))
                .map(measured -> new CcpaReport(
                        year,
                        ZONE.getId(),
                        generatedAt,
                        Arrays.stream(CcpaReport.Kind.values())
                                .map(kind -> measured.getOrDefault(kind, nothing(kind)))
                                .toList()));
    }

    /** A kind without requests that year; correction is not offered at all. */
    private static CcpaReport.Category nothing(CcpaReport.Kind kind) {
        return new CcpaReport.Category(kind.label, kind != CcpaReport.Kind.CORRECT, 0, 0, 0, null, null);
    }
}
