/**
 * Compliance reports for the privacy officer: request counts, timeliness and per-system failures by period and
 * jurisdiction, and the CCPA §7102 yearly metrics, each computed by one aggregate query in PostgreSQL (never by loading
 * requests), as JSON or CSV. Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.report;

import org.jspecify.annotations.NullMarked;
