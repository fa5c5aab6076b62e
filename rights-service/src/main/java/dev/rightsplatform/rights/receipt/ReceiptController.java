package dev.rightsplatform.rights.receipt;

import dev.rightsplatform.rights.audit.Pseudonyms;
import dev.rightsplatform.rights.lifecycle.RequestStore;
import dev.rightsplatform.rights.receipt.ReceiptStore.StoredReceipt;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.security.PlatformSigner;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed receipts of completed deregistrations and consent withdrawals. {@code GET /api/v1/requests/{id}/receipt}
 * for the owner, signed in (anyone else: 404); {@code GET /api/v1/receipts/{token}} for whoever holds the link the
 * completion mail carries, without signing in (the account is gone after a deregistration); and
 * {@code GET /api/v1/receipts/certificate}, the certificate to verify them with. The answer:
 * {@code {"format":"rights-receipt/1","algorithm":"SHA256withRSA","payload":"<base64 of the signed JSON bytes>",
 * "signature":"<base64>","certificateUrl":"/api/v1/receipts/certificate"}}.
 */
@RestController
class ReceiptController {

    static final String CERTIFICATE_URL = "/api/v1/receipts/certificate";
    static final String PEM = "application/x-pem-file";

    private final Receipts receipts;
    private final ReceiptLinks links;
    private final RequestStore requests;
    private final PlatformSigner signer;
    private final Pseudonyms pseudonyms;
    private final JsonMapper json;

    ReceiptController(
            Receipts receipts,
            ReceiptLinks links,
            RequestStore requests,
            PlatformSigner signer,
            Pseudonyms pseudonyms,
            JsonMapper json) {
        this.receipts = receipts;
        this.links = links;
        this.requests = requests;
        this.signer = signer;
        this.pseudonyms = pseudonyms;
        this.json = json;
    }

    @GetMapping(path = "/api/v1/requests/{id}/receipt", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> own(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        var caller = Caller.from(token);
        return requests.find(id)
                .filter(request -> request.subject().id().equals(caller.subjectId()))
                .switchIfEmpty(Mono.error(
                        new ApiException(ProblemType.REQUEST_NOT_FOUND, "No request with this id is visible to you.")))
                .flatMap(request -> receipts.of(request, pseudonyms.subject(caller.subjectId())))
                .map(this::answer);
    }

    @GetMapping(path = CERTIFICATE_URL, produces = PEM)
    ResponseEntity<String> certificate() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(PEM)).body(signer.certificatePem());
    }

    @GetMapping(path = "/api/v1/receipts/{token}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> byLink(@PathVariable String token) {
        return Mono.justOrEmpty(links.requestOf(token))
                .flatMap(requests::find)
                .switchIfEmpty(Mono.error(
                        new ApiException(ProblemType.RECEIPT_NOT_FOUND, "No receipt is reachable with this link.")))
                .flatMap(request -> receipts.of(request, "public:receipt-link"))
                .map(this::answer);
    }

    private ResponseEntity<byte[]> answer(StoredReceipt receipt) {
        var body = new LinkedHashMap<String, Object>();
        body.put("format", ReceiptPayload.FORMAT);
        body.put("algorithm", PlatformSigner.ALGORITHM);
        body.put("payload", Base64.getEncoder().encodeToString(receipt.payload()));
        body.put("signature", receipt.signature());
        body.put("certificateUrl", CERTIFICATE_URL);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .body(json.writeValueAsBytes(body));
    }
}
