package dev.rightsplatform.portal.web;

import dev.rightsplatform.portal.api.RightsApi;
import dev.rightsplatform.portal.api.SignedReceipt;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * A signed receipt, readable: what each system did and the deadline met, with the file to keep and how to check its
 * signature offline. Public by its address (the mail that announces a completed deregistration links here, and the
 * person can no longer sign in); the receipt holds no personal data.
 */
@Controller
class ReceiptPages {

    private final RightsApi api;
    private final ObjectMapper json;

    ReceiptPages(RightsApi api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    @GetMapping("/receipts/{token}")
    Mono<Rendering> receipt(ServerWebExchange exchange, @PathVariable String token) {
        if (!token.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return api.receiptByToken(Pages.call(exchange), token).map(body -> {
            var signed = json.readValue(body, SignedReceipt.class);
            var payload =
                    json.readTree(new String(Base64.getDecoder().decode(signed.payload()), StandardCharsets.UTF_8));
            return Rendering.view("receipt")
                    .modelAttribute("token", token)
                    .modelAttribute("signed", signed)
                    .modelAttribute("receipt", payload)
                    .build();
        });
    }
}
