package dev.rightsplatform.rights.delivery.store;

import java.io.IOException;

/** An {@link EncryptedStore} holds no object under the key asked for. */
public class NoSuchObjectException extends IOException {

    public NoSuchObjectException(String key) {
        super("no stored object " + key);
    }
}
