package dev.rightsplatform.rights.security;

/**
 * The platform's signing key, for whatever the platform vouches for beyond the partner API (signed receipts): the
 * OpenDSR processor key (opendsr's {@code ProcessorKey}, loaded once from {@code rights.opendsr.keystore}), SHA256withRSA, and
 * its certificate as PEM for anyone to verify with.
 */
public interface PlatformSigner {

    /** The JCA name of the signature algorithm: what {@link java.security.Signature#getInstance} verifies with. */
    String ALGORITHM = "SHA256withRSA";

    /** Base64 (standard alphabet, padded) signature of exactly these bytes. */
    String sign(byte[] bytes);

    /** The certificate of the key, PEM. */
    String certificatePem();
}
