package dev.rightsplatform.rights.delivery.store;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh master keys ({@code rights.storage.master-key}) for tests that make a store. */
public final class MasterKeys {

    private static final SecureRandom random = new SecureRandom();

    private MasterKeys() {}

    /** 32 random bytes, base64, as the setting takes them. */
    public static String newMasterKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
