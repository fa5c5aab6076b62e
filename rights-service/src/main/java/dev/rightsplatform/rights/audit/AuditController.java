package dev.rightsplatform.rights.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The privacy officer's check of the whole audit trail (role enforced in SecurityConfig). */
@RestController
class AuditController {

    private final AuditVerification verification;

    AuditController(AuditVerification verification) {
        this.verification = verification;
    }

    @GetMapping("/api/v1/audit/verification")
    Mono<AuditVerification.Report> verify() {
        return verification.verify();
    }
}
