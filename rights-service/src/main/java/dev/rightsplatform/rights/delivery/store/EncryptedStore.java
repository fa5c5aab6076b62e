package dev.rightsplatform.rights.delivery.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A store of objects encrypted at rest, each under its own data key, that deleting an object destroys. Keys are
 * paths of segments ({@code parts/<requestId>/<taskId>.json}, see {@link ObjectKeys}). The implementations, picked by
 * {@code rights.storage.type}: {@link FileSystemEncryptedStore} (one machine) and {@link S3EncryptedStore} (a bucket
 * every replica shares), both storing each object as {@link ObjectFormat} describes.
 *
 * <p>Every method blocks on IO: reactive callers run them on {@code Schedulers.boundedElastic()}.
 */
public interface EncryptedStore {

    /**
     * Starts writing an object. Nothing is visible under {@code key} until {@link StoreWriter#commit()}; closing the
     * writer without committing discards what was written (so a failed or crashed write never leaves a readable
     * partial object). A committed write replaces an object of the same key as a whole.
     */
    StoreWriter create(String key) throws IOException;

    /**
     * Opens an object for reading, decrypting as it is read. A tampered, truncated or swapped object, or one stored
     * under another master key, fails with an {@link IOException} while reading (at the latest at its end), never
     * with wrong data.
     *
     * @throws NoSuchObjectException when there is no such object
     */
    InputStream open(String key) throws IOException;

    /** Deletes an object and destroys its data key; {@code false} when there was none. */
    boolean delete(String key) throws IOException;

    /** Whether an object is stored under {@code key}. */
    boolean exists(String key) throws IOException;

    /**
     * The plain (decrypted) size of an object in bytes.
     *
     * @throws NoSuchObjectException when there is no such object
     */
    long size(String key) throws IOException;

    /** The keys of the objects whose key starts with {@code prefix} (a folder such as {@code parts/<id>/}), sorted. */
    List<String> list(String prefix) throws IOException;

    /** Writes a whole object from a stream (reads it to its end, does not close it). */
    default long write(String key, InputStream content) throws IOException {
        try (StoreWriter writer = create(key)) {
            long copied = content.transferTo(writer);
            writer.commit();
            return copied;
        }
    }
}
