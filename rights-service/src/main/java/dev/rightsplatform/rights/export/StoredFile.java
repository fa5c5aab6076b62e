package dev.rightsplatform.rights.export;

import com.google.crypto.tink.StreamingAead;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The file format of {@link FileSystemEncryptedStore}, version 1:
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
 * decrypted, so a changed size fails the read as well.
 */
final class StoredFile {

    private static final byte[] MAGIC = {'R', 'P', 'S', '1'};
    private static final int SIZE_OFFSET = 4;
    private static final int KEY_OFFSET = 14;

    private StoredFile() {
    }

    /** Receives a finished temporary file to put in place. */
    interface Publisher {
        void publish(Path temp, String key) throws IOException;
    }

    static InputStream open(Path file, String key, DataKeys keys) throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException(key);
        }
        try {
            var header = new DataInputStream(raw);
            long size = readHeaderSize(header, key);
            byte[] wrapped = new byte[header.readUnsignedShort()];
            header.readFully(wrapped);
            StreamingAead aead = keys.unwrap(wrapped, key);
            return new SizeCheckedInputStream(aead.newDecryptingStream(raw, DataKeys.associatedData(key)), size, key);
        } catch (GeneralSecurityException e) {
            raw.close();
            throw new IOException("stored object " + key + " cannot be decrypted: another master key, or tampered", e);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    static long plainSize(Path file, String key) throws IOException {
        try (var header = new DataInputStream(Files.newInputStream(file))) {
            return readHeaderSize(header, key);
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException(key);
        }
    }

    private static long readHeaderSize(DataInputStream header, String key) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        try {
            header.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("stored object " + key + " is not in a known format");
            }
            return header.readLong();
        } catch (EOFException e) {
            throw new IOException("stored object " + key + " is truncated", e);
        }
    }

    /** Overwrites the wrapped data key of a file on disk, then deletes the file. */
    static void shred(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer length = ByteBuffer.allocate(2);
            if (channel.read(length, KEY_OFFSET - 2) == 2) {
                int keyLength = length.flip().getShort() & 0xffff;
                writeFully(channel, ByteBuffer.allocate(keyLength), KEY_OFFSET);
                channel.force(true);
            }
        } catch (NoSuchFileException gone) {
            return;
        }
        Files.deleteIfExists(file);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    /** Writes a temporary file; on commit, records the size, forces it to disk and hands it to the publisher. */
    static final class Writer extends StoreWriter {

        private final Path temp;
        private final String key;
        private final Publisher publisher;
        private final FileChannel channel;
        private final OutputStream encrypting;
        private long written;
        private boolean committed;
        private boolean closed;

        Writer(Path temp, String key, DataKeys.DataKey dataKey, Publisher publisher) throws IOException {
            this.temp = temp;
            this.key = key;
            this.publisher = publisher;
            this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                ByteBuffer header = ByteBuffer.allocate(KEY_OFFSET + dataKey.wrapped().length)
                        .put(MAGIC).putLong(0).putShort((short) dataKey.wrapped().length).put(dataKey.wrapped()).flip();
                writeFully(channel, header, 0);
                channel.position(header.limit());
                // the channel stays open past the AEAD's close: the size is written into the header afterwards
                var ciphertext = new FilterOutputStream(Channels.newOutputStream(channel)) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                this.encrypting = dataKey.aead().newEncryptingStream(ciphertext, DataKeys.associatedData(key));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                discard();
                throw e instanceof IOException io ? io : new IOException("cannot start writing " + key, e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            encrypting.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensureOpen();
            encrypting.write(b, off, len);
            written += len;
        }

        @Override
        public long written() {
            return written;
        }

        @Override
        public void commit() throws IOException {
            ensureOpen();
            closed = true;
            try {
                encrypting.close();
                writeFully(channel, ByteBuffer.allocate(8).putLong(written).flip(), SIZE_OFFSET);
                channel.force(true);
                channel.close();
                publisher.publish(temp, key);
                committed = true;
            } finally {
                if (!committed) {
                    discard();
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                discard();
            }
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new IOException("the writer of " + key + " is closed");
            }
        }

        private void discard() throws IOException {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
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
