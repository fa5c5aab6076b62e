/**
 * The append-only audit trail: a hash chain per request, signed anchors, their verification; keyed pseudonyms for
 * people.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.audit;

import org.jspecify.annotations.NullMarked;
