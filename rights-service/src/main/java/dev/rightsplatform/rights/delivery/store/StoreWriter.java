package dev.rightsplatform.rights.delivery.store;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The stream an object is written through ({@link EncryptedStore#create(String)}). Use it with try-with-resources
 * and call {@link #commit()} after the last byte: closing without committing discards the object.
 *
 * <pre>{@code
 * try (StoreWriter out = store.create(key)) {
 *     in.transferTo(out);
 *     out.commit();
 * }
 * }</pre>
 */
public abstract class StoreWriter extends OutputStream {

    /** Publishes the object under its key, replacing any object there. Blocks until it is durable. */
    public abstract void commit() throws IOException;

    /** The plain bytes written so far. */
    public abstract long written();
}
