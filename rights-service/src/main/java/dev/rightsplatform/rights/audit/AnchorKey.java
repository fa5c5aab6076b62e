package dev.rightsplatform.rights.audit;

import dev.rightsplatform.rights.security.PlatformSigner;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * The platform key as the audit trail uses it: signs anchors, and checks an anchor's signature against the platform's
 * certificate. Anchors signed by any other key (one rotated out, or an attacker's) do not verify.
 */
@Component
class AnchorKey {

    private final PlatformSigner signer;
    private final X509Certificate certificate;
    private final String fingerprint;

    AnchorKey(PlatformSigner signer) {
        this.signer = signer;
        try {
            this.certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(signer.certificatePem().getBytes(StandardCharsets.US_ASCII)));
            this.fingerprint = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the platform certificate cannot be read", e);
        }
    }

    String sign(String text) {
        return signer.sign(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of the certificate (DER, hex). */
    String fingerprint() {
        return fingerprint;
    }

    boolean verifies(String text, String signature) {
        try {
            var check = Signature.getInstance(PlatformSigner.ALGORITHM);
            check.initVerify(certificate.getPublicKey());
            check.update(text.getBytes(StandardCharsets.UTF_8));
            return check.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
