/**
 * The partner API: OpenDSR 2.0 processor endpoints under {@code /opendsr/v2} (discovery, create, status, cancel,
 * results), for clients with realm role {@code partner}. Requests map onto the platform's lifecycle (erasure →
 * DEREGISTER, access → ACCESS, portability → EXPORT); responses and status callbacks are signed with the processor
 * key (SHA256withRSA over the raw body), whose certificate is served at {@code /opendsr/v2/processor-certificate}.
 * <p>
 * Status callbacks go through the service's one outbox (channel {@code opendsr-callback}): {@code CallbackOutbox}
 * writes them in the transaction of the status change, {@code CallbackSender} is the channel's relay (signing, SSRF
 * checks with the pinned resolver, retries, FAILED after the cap). They stay in this service rather than in
 * notification-service because the body and its signature need the partner's request and the processor key, both
 * here; rights-service/README.md ("Outbox") gives the reasons.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.opendsr;

import org.jspecify.annotations.NullMarked;
