package dev.rightsplatform.rights.opendsr;

import dev.rightsplatform.rights.security.PlatformSigner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import org.springframework.stereotype.Component;

/**
 * The processor's signing key and certificate, from the configured PKCS#12 keystore. Signs raw bodies with
 * SHA256withRSA (base64 in {@code X-OpenDSR-Signature}); serves the certificate as PEM for controllers to verify.
 * The rest of the service signs with it through {@link PlatformSigner} (receipts).
 */
@Component
class ProcessorKey implements PlatformSigner {

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String pem;

    ProcessorKey(OpenDsrProperties properties) {
        var settings = properties.keystore();
        try (InputStream in = Files.newInputStream(settings.path())) {
            var store = KeyStore.getInstance("PKCS12");
            var password = settings.password().toCharArray();
            store.load(in, password);
            var alias = settings.alias() != null
                    ? settings.alias()
                    : Collections.list(store.aliases()).stream()
                            .filter(name -> isKey(store, name))
                            .findFirst()
                            .orElseThrow(() ->
                                    new IllegalStateException("rights.opendsr.keystore: no key in " + settings.path()));
            if (!(store.getKey(alias, password) instanceof PrivateKey privateKey)
                    || !(store.getCertificate(alias) instanceof X509Certificate x509)) {
                throw new IllegalStateException(
                        "rights.opendsr.keystore: alias " + alias + " holds no RSA key and certificate");
            }
            if (!"RSA".equals(privateKey.getAlgorithm())) {
                throw new IllegalStateException(
                        "rights.opendsr.keystore: the key must be RSA (SHA256withRSA signatures)");
            }
            this.key = privateKey;
            this.certificate = x509;
            this.pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(x509.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "rights.opendsr.keystore: cannot read " + settings.path() + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Base64 SHA256withRSA signature of exactly these bytes. */
    @Override
    public String sign(byte[] body) {
        try {
            var signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(body);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    @Override
    public String certificatePem() {
        return pem;
    }

    X509Certificate certificate() {
        return certificate;
    }
}
