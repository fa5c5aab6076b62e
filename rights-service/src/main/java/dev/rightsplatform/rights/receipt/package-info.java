/**
 * Signed receipts: what the platform did for a completed deregistration or consent withdrawal (every system's part,
 * its proof counts and legal holds, the rule and deadline met), signed with the platform key, issued once and
 * never changed. For the owner signed in, for whoever holds the receipt link without signing in, verifiable offline
 * with the public certificate. No personal data.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.receipt;

import org.jspecify.annotations.NullMarked;
