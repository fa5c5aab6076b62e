package dev.rightsplatform.rights.delivery.store;

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

/**
 * The files of {@link FileSystemEncryptedStore}: each holds one object in {@link ObjectFormat} (header with the
 * wrapped data key, then the ciphertext). Writes go to a temporary file whose header gets the plain size on commit;
 * deleting overwrites the wrapped key on disk first.
 */
final class StoredFile {

    private static final int KEY_OFFSET = ObjectFormat.KEY_OFFSET;

    private StoredFile() {}

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
        return ObjectFormat.decrypting(raw, key, keys);
    }

    static long plainSize(Path file, String key) throws IOException {
        try (InputStream header = Files.newInputStream(file)) {
            return ObjectFormat.readSize(header, key);
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException(key);
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
                ByteBuffer header = ByteBuffer.wrap(ObjectFormat.header(dataKey));
                writeFully(channel, header, 0);
                channel.position(header.limit());
                // the channel stays open past the AEAD's close: the size is written into the header afterwards
                this.encrypting = ObjectFormat.encrypting(dataKey, key, Channels.newOutputStream(channel));
            } catch (IOException | RuntimeException e) {
                discard();
                throw e;
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
                writeFully(channel, ByteBuffer.allocate(8).putLong(written).flip(), ObjectFormat.SIZE_OFFSET);
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
}
