package dev.rightsplatform.rights.delivery.collection;

import dev.rightsplatform.rights.delivery.store.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;

/**
 * The upload of a part as the parser reads it: every byte read is counted against the limit, digested and copied
 * to the store, so the part is validated and stored in one pass.
 */
final class IntakeStream extends FilterInputStream {

    private final OutputStream copy;
    private final long limit;
    private final MessageDigest sha256 = Sha256.digest();
    private long count;

    IntakeStream(InputStream upload, OutputStream copy, long limit) {
        super(upload);
        this.copy = copy;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw new PartTooLargeException(limit);
            }
            sha256.update(b, off, n);
            try {
                copy.write(b, off, n);
            } catch (IOException e) {
                // unchecked, so that the parser reading this stream does not take a failing disk for bad input
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long count() {
        return count;
    }

    String sha256() {
        return Sha256.hex(sha256);
    }
}
