/**
 * Write-behind inside one transaction: rows a lifecycle command adds (audit entries, outbox messages) are held until
 * the command has decided everything, then written with one statement per table instead of one per row.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.batch;

import org.jspecify.annotations.NullMarked;
