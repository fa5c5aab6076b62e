package dev.rightsplatform.rights.delivery.archive;

import dev.rightsplatform.rights.delivery.store.Sha256;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Counts and digests (SHA-256) what passes through; closing it does not close the stream below. */
final class DigestingOutputStream extends FilterOutputStream {

    private final MessageDigest sha256 = Sha256.digest();
    private long count;

    DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    long count() {
        return count;
    }

    /** The digest of everything written; call once, at the end. */
    String sha256() {
        return Sha256.hex(sha256);
    }
}
