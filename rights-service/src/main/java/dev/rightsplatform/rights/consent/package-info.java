/**
 * The consent ledger: the catalogue of purposes and their notices, each person's grants and withdrawals (append-only),
 * withdrawals propagated as WITHDRAW_CONSENT requests, and Global Privacy Control honoured as an opt-out. Everything is
 * non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.consent;

import org.jspecify.annotations.NullMarked;
