/**
 * The append-only, hash-chained audit trail, its verification, and keyed pseudonyms for people.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.audit;

import org.jspecify.annotations.NullMarked;
