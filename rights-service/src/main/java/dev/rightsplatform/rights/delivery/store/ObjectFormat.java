package dev.rightsplatform.rights.delivery.store;

import com.google.crypto.tink.StreamingAead;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The bytes of a stored object, the same in every {@link EncryptedStore} (a file of {@link FileSystemEncryptedStore},
 * an object of {@link S3EncryptedStore}), version 1:
 *
 * <pre>
 * offset  size  content
 * 0       4     magic "RPS1"
 * 4       8     plain size in bytes, big-endian (written when the object is committed)
 * 12      2     length n of the wrapped data key, big-endian
 * 14      n     the data key wrapped by the master key (AES256-GCM: 12-byte IV, 32-byte key, 16-byte tag)
 * 14+n    ...   the content, Tink streaming AEAD (AES256-GCM-HKDF, 1 MB segments)
 * </pre>
 *
 * The plain size is not covered by the AEAD (it is known only at the end); a reader checks it against the bytes it
 * decrypted, so a changed size fails the read as well. The stores differ only in where these bytes go and how a
 * finished object is published; the encryption ({@link DataKeys}) and this layout are shared.
 */
final class ObjectFormat {

    static final byte[] MAGIC = {'R', 'P', 'S', '1'};
    static final int SIZE_OFFSET = 4;
    static final int KEY_OFFSET = 14;

    private ObjectFormat() {}

    /** The header of a new object: its size still 0 (see {@link #putSize}), then the wrapped data key. */
    static byte[] header(DataKeys.DataKey dataKey) {
        byte[] wrapped = dataKey.wrapped();
        return ByteBuffer.allocate(KEY_OFFSET + wrapped.length)
                .put(MAGIC)
                .putLong(0)
                .putShort((short) wrapped.length)
                .put(wrapped)
                .array();
    }

    /** Writes the plain size into a header held in {@code buffer} (at least {@link #KEY_OFFSET} bytes of it). */
    static void putSize(byte[] buffer, long size) {
        ByteBuffer.wrap(buffer, SIZE_OFFSET, Long.BYTES).putLong(size);
    }

    /**
     * The stream the plain content of {@code key} is written through: it encrypts into {@code ciphertext}, after the
     * header. Closing it writes the last segment and flushes {@code ciphertext}, but leaves it open (the stores
     * still have a size to record and an object to publish).
     */
    static OutputStream encrypting(DataKeys.DataKey dataKey, String key, OutputStream ciphertext) throws IOException {
        var unclosed = new FilterOutputStream(ciphertext) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        try {
            return dataKey.aead().newEncryptingStream(unclosed, DataKeys.associatedData(key));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start writing " + key, e);
        }
    }

    /**
     * The plain content of {@code key} from its stored bytes: reads the header, unwraps the data key and decrypts as
     * it is read, checking every segment and the size. Closes {@code raw} when it fails here.
     */
    static InputStream decrypting(InputStream raw, String key, DataKeys keys) throws IOException {
        try {
            var header = new DataInputStream(raw);
            long size = readSize(header, key);
            byte[] wrapped = new byte[header.readUnsignedShort()];
            header.readFully(wrapped);
            StreamingAead aead = keys.unwrap(wrapped, key);
            return new SizeCheckedInputStream(aead.newDecryptingStream(raw, DataKeys.associatedData(key)), size, key);
        } catch (GeneralSecurityException e) {
            raw.close();
            throw new IOException("stored object " + key + " cannot be decrypted: another master key, or tampered", e);
        } catch (EOFException e) {
            raw.close();
            throw new IOException("stored object " + key + " is truncated", e);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The plain size recorded in a header: its first 12 bytes, read from {@code header}. */
    static long readSize(InputStream header, String key) throws IOException {
        var in = header instanceof DataInputStream data ? data : new DataInputStream(header);
        byte[] magic = new byte[MAGIC.length];
        try {
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("stored object " + key + " is not in a known format");
            }
            return in.readLong();
        } catch (EOFException e) {
            throw new IOException("stored object " + key + " is truncated", e);
        }
    }

    /** Fails a read whose decrypted length differs from the size recorded in the header. */
    private static final class SizeCheckedInputStream extends FilterInputStream {

        private final long expected;
        private final String key;
        private long read;

        SizeCheckedInputStream(InputStream in, long expected, String key) {
            super(in);
            this.expected = expected;
            this.key = key;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            count(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // through read, so that every byte is decrypted, authenticated and counted
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        private void count(int n) throws IOException {
            if (n < 0 ? read != expected : (read += n) > expected) {
                throw new IOException("stored object " + key + " does not have its recorded size: tampered");
            }
        }
    }
}
