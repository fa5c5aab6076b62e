package dev.rightsplatform.rights.receipt;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.lifecycle.RequestStatus;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.receipt.ReceiptStore.StoredReceipt;
import dev.rightsplatform.rights.security.PlatformSigner;
import dev.rightsplatform.rights.task.TaskStore;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A completed deregistration's or consent withdrawal's receipt: issued on the first fetch after completion, signed
 * with the platform key, stored, and from then on read back, never rebuilt, so every fetch returns the same bytes.
 * Two first fetches at once store one receipt ({@code insert … on conflict do nothing}, then read back) and the
 * audit trail records the one issue ({@code receipt.issued}, with the payload's SHA-256).
 */
@Service
class Receipts {

    private final ReceiptStore store;
    private final TaskStore tasks;
    private final PlatformSigner signer;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final TransactionalOperator transactional;
    private final Clock clock;
    private final String issuer;

    Receipts(
            ReceiptStore store,
            TaskStore tasks,
            PlatformSigner signer,
            AuditTrail audit,
            JsonMapper json,
            TransactionalOperator transactional,
            Clock clock,
            @Value("${rights.opendsr.processor-domain:rights-platform.local}") String issuer) {
        this.store = store;
        this.tasks = tasks;
        this.signer = signer;
        this.audit = audit;
        this.json = json;
        this.transactional = transactional;
        this.clock = clock;
        this.issuer = issuer;
    }

    /**
     * The request's receipt, issued now if it has none yet; {@code actor} names who fetched it first, for the audit
     * trail. 404 {@code receipt-not-found} for a type without receipts, 409 {@code receipt-not-ready} before completion.
     */
    Mono<StoredReceipt> of(RightsRequest request, String actor) {
        if (!ReceiptLinks.hasReceipt(request.type())) {
            return Mono.error(new ApiException(
                    ProblemType.RECEIPT_NOT_FOUND, "Only a deregistration or a withdrawal of consent has a receipt."));
        }
        if (request.status() != RequestStatus.COMPLETED) {
            return Mono.error(new ApiException(
                    ProblemType.RECEIPT_NOT_READY,
                    "The receipt is issued once the request is completed (it is " + request.status() + ")."));
        }
        return store.find(request.id()).switchIfEmpty(Mono.defer(() -> issue(request, actor)));
    }

    private Mono<StoredReceipt> issue(RightsRequest request, String actor) {
        var id = request.id();
        return tasks.tasksOf(id)
                .collectList()
                .zipWith(tasks.retentionOf(id).collectList())
                .flatMap(both -> {
                    var receiptId = UUID.randomUUID();
                    var issuedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    var payload = json.writeValueAsBytes(
                            ReceiptPayload.of(receiptId, request, both.getT1(), both.getT2(), issuedAt, issuer));
                    var signature = signer.sign(payload);
                    return store.insertOnce(id, issuedAt, payload, signature)
                            .flatMap(stored -> stored
                                    ? audit.append(
                                            id,
                                            actor,
                                            "receipt.issued",
                                            Map.of("receiptId", receiptId.toString(), "sha256", sha256(payload)))
                                    : Mono.empty())
                            .then(store.find(id));
                })
                .as(transactional::transactional);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
