/**
 * The partner API: OpenDSR 2.0 processor endpoints under {@code /opendsr/v2} (discovery, create, status, cancel,
 * results), for clients with realm role {@code partner}. Requests map onto the platform's lifecycle (erasure →
 * DEREGISTER, access → ACCESS, portability → EXPORT); responses and status callbacks are signed with the processor
 * key (SHA256withRSA over the raw body), whose certificate is served at {@code /opendsr/v2/processor-certificate}.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.opendsr;

import org.jspecify.annotations.NullMarked;
