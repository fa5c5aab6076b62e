package dev.rightsplatform.rights.report;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The metrics 11 CCR §7102(a) asks a business to publish for the previous calendar year, over the requests of
 * California residents (regime CCPA), the year counted in California time. One row per kind of request, always in
 * this order: to know (our ACCESS and EXPORT), to delete (DEREGISTER), to correct (not offered by the platform:
 * {@code offered} false and zeros), to opt out of sale/sharing (withdrawals of a sale-sharing consent purpose,
 * including those made by Global Privacy Control). Days to substantively respond run from receipt to the answer of
 * the requests complied with or denied; null when there is none.
 */
record CcpaReport(int year, String zone, Instant generatedAt, List<Category> categories) {

    record Category(
            String request,
            boolean offered,
            long received,
            long compliedInWholeOrInPart,
            long denied,
            @Nullable Double medianDaysToRespond,
            @Nullable Double meanDaysToRespond) {}

    /** The §7102 kinds, in the order of the regulation's list. */
    enum Kind {
        KNOW("know"),
        DELETE("delete"),
        CORRECT("correct"),
        OPT_OUT("opt-out-of-sale-sharing");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }
}
