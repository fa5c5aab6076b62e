package dev.rightsplatform.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * rights-service's answers to the privacy officer (its {@code report/} and {@code audit/}), as the console shows them.
 * The meaning of each figure is rights-service's README (Compliance reports); the console only displays them.
 */
public final class OfficerReports {

    private OfficerReports() {}

    /** The compliance report of requests received in [from, to), by period and jurisdiction, with a total row. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Compliance(
            String from,
            String to,
            String period,
            @Nullable String jurisdiction,
            Instant generatedAt,
            List<Row> rows,
            List<Refusals> refusals,
            List<SystemFailures> systems) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(
            String period,
            String jurisdiction,
            long received,
            long completed,
            long refused,
            long cancelled,
            long open,
            long onTime,
            @Nullable Double onTimeRate,
            long extended,
            @Nullable Double medianDaysToClose,
            @Nullable Double p90DaysToClose) {

        public boolean isTotal() {
            return "total".equals(period);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Refusals(String jurisdiction, String reason, long count) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SystemFailures(String systemId, long failed, long agentRetries, long workerRetries) {}

    /** The CCPA §7102 metrics of a calendar year (California time). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ccpa(int year, String zone, Instant generatedAt, List<CcpaCategory> categories) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CcpaCategory(
            String request,
            boolean offered,
            long received,
            long compliedInWholeOrInPart,
            long denied,
            @Nullable Double medianDaysToRespond,
            @Nullable Double meanDaysToRespond) {}

    /** The check of the whole audit trail: every hash chain and every signed anchor. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuditCheck(
            boolean intact,
            long entriesChecked,
            long chainsChecked,
            long anchorsChecked,
            long entriesAwaitingAnchor,
            @Nullable LastAnchor lastAnchor,
            @Nullable List<AuditProblem> problems) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LastAnchor(long id, Instant anchoredAt, String hash) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuditProblem(
            @Nullable Long seq,
            @Nullable Long anchorId,
            @Nullable String chain,
            @Nullable Long pos,
            String problem) {}

    /** A report as a file to save: rights-service's bytes, type and file name, passed through unchanged. */
    public record Download(byte[] body, String contentType, String filename) {}
}
