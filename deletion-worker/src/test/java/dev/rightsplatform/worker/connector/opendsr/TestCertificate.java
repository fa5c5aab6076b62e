package dev.rightsplatform.worker.connector.opendsr;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An RSA key and a self-signed X.509 certificate for it, made in the test, valid for 127.0.0.1, 127.0.0.2 and
 * localhost: a processor's signing certificate (it signs bodies as OpenDSR does) or a test server's TLS certificate.
 */
final class TestCertificate {

    private final KeyPair key;

    private final X509Certificate certificate;

    private TestCertificate(KeyPair key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    static TestCertificate issue(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair key = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName);
            Instant now = Instant.now();
            GeneralNames hosts = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.2"),
                new GeneralName(GeneralName.dNSName, "localhost")
            });
            var holder = new JcaX509v3CertificateBuilder(
                            name,
                            BigInteger.valueOf(now.toEpochMilli()),
                            Date.from(now.minus(1, ChronoUnit.DAYS)),
                            Date.from(now.plus(30, ChronoUnit.DAYS)),
                            name,
                            key.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, hosts)
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
            return new TestCertificate(key, new JcaX509CertificateConverter().getCertificate(holder));
        } catch (Exception ex) {
            throw new IllegalStateException("could not make a test certificate", ex);
        }
    }

    X509Certificate certificate() {
        return this.certificate;
    }

    byte[] pem() {
        try {
            return ("-----BEGIN CERTIFICATE-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                    .encodeToString(this.certificate.getEncoded())
                            + "\n-----END CERTIFICATE-----\n")
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Base64 SHA256withRSA over body, as X-OpenDSR-Signature carries it. */
    String sign(byte[] body) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(this.key.getPrivate());
            signature.update(body);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A server-side TLS context presenting this certificate. */
    SSLContext serverTls() {
        try {
            char[] password = "test".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", this.key.getPrivate(), password, new Certificate[] {this.certificate});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            return tls;
        } catch (Exception ex) {
            throw new IllegalStateException("could not make a TLS context", ex);
        }
    }
}
