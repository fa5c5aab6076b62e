package dev.rightsplatform.rights.partner;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.audit.Pseudonyms;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A person's partner links: {@code PUT /api/v1/partner-links/{partnerId}} authorises a partner app for the request
 * types named, {@code GET} lists the person's links, {@code DELETE} revokes one. Only the person themself (role
 * data-subject) manages their links; each change is audited under their pseudonym.
 */
@RestController
@RequestMapping("/api/v1/partner-links")
class PartnerLinkController {

    /** An OAuth client id as Keycloak allows it, bounded. */
    private static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final PartnerLinks links;
    private final AuditTrail audit;
    private final Pseudonyms pseudonyms;
    private final TransactionalOperator transactional;

    PartnerLinkController(
            PartnerLinks links, AuditTrail audit, Pseudonyms pseudonyms, TransactionalOperator transactional) {
        this.links = links;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.transactional = transactional;
    }

    /** What a person grants: the request types the partner may ask for. */
    record GrantBody(List<RequestType> requestTypes) {}

    /** A link as its person sees it. */
    record LinkView(String partnerId, Set<RequestType> requestTypes, java.time.Instant grantedAt) {
        static LinkView of(PartnerLink link) {
            return new LinkView(link.partnerId(), link.requestTypes(), link.grantedAt());
        }
    }

    @GetMapping
    Mono<List<LinkView>> mine(@AuthenticationPrincipal Jwt token) {
        return links.of(token.getSubject()).map(LinkView::of).collectList();
    }

    @PutMapping("/{partnerId}")
    Mono<LinkView> grant(
            @AuthenticationPrincipal Jwt token, @PathVariable String partnerId, @RequestBody GrantBody body) {
        var caller = Caller.from(token);
        var types = validTypes(body);
        checkPartnerId(partnerId);
        return links.grant(caller.subjectId(), partnerId, types, caller.email(), caller.locale())
                .flatMap(link -> audit.append(
                                null,
                                pseudonyms.subject(caller.subjectId()),
                                "partner-link.granted",
                                Map.of(
                                        "partnerId",
                                        partnerId,
                                        "requestTypes",
                                        types.stream().map(Enum::name).sorted().toList()))
                        .thenReturn(LinkView.of(link)))
                .as(transactional::transactional);
    }

    @DeleteMapping("/{partnerId}")
    Mono<ResponseEntity<Void>> revoke(@AuthenticationPrincipal Jwt token, @PathVariable String partnerId) {
        checkPartnerId(partnerId);
        var subjectId = token.getSubject();
        return links.revoke(subjectId, partnerId)
                .flatMap(revoked -> revoked
                        ? audit.append(
                                        null,
                                        pseudonyms.subject(subjectId),
                                        "partner-link.revoked",
                                        Map.of("partnerId", partnerId))
                                .thenReturn(ResponseEntity.noContent().<Void>build())
                        : Mono.<ResponseEntity<Void>>error(new ApiException(
                                ProblemType.PARTNER_LINK_NOT_FOUND, "You have no link with this partner.")))
                .as(transactional::transactional);
    }

    private static Set<RequestType> validTypes(GrantBody body) {
        if (body.requestTypes() == null || body.requestTypes().isEmpty()) {
            throw ApiException.invalidField("requestTypes", "must name at least one of ACCESS, EXPORT, DEREGISTER");
        }
        var types = EnumSet.noneOf(RequestType.class);
        for (var type : body.requestTypes()) {
            if (type == null || !PartnerLink.LINKABLE.contains(type)) {
                throw ApiException.invalidField("requestTypes", "may only hold ACCESS, EXPORT and DEREGISTER");
            }
            types.add(type);
        }
        return types;
    }

    private static void checkPartnerId(String partnerId) {
        if (!PARTNER_ID.matcher(partnerId).matches()) {
            throw ApiException.invalidField("partnerId", "must be a partner's client id");
        }
    }
}
