package dev.rightsplatform.rights.export;

import java.nio.file.Path;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and how collected parts and export archives are stored.
 *
 * @param directory root directory of the single-machine store ({@link FileSystemEncryptedStore})
 * @param masterKey base64 of 32 random bytes ({@code openssl rand -base64 32}); wraps the data key of every object.
 *                  Losing it makes every stored object unreadable; changing it too.
 */
@ConfigurationProperties("rights.storage")
public record StorageProperties(@Nullable Path directory, @Nullable String masterKey) {

    static final int MASTER_KEY_BYTES = 32;

    public StorageProperties {
        if (directory == null) {
            throw new IllegalArgumentException("rights.storage.directory is required");
        }
        decodeMasterKey(masterKey);
    }

    /** The master key's bytes (a fresh copy: the caller may wipe it). */
    public byte[] masterKeyBytes() {
        return decodeMasterKey(masterKey);
    }

    /** The store's root directory. */
    public Path root() {
        return directory == null ? Path.of(".") : directory;
    }

    private static byte[] decodeMasterKey(@Nullable String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException(
                    "rights.storage.master-key is required: the base64 of 32 random bytes (openssl rand -base64 32)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("rights.storage.master-key is not base64", notBase64);
        }
        if (key.length != MASTER_KEY_BYTES) {
            throw new IllegalArgumentException("rights.storage.master-key must decode to " + MASTER_KEY_BYTES
                    + " bytes, it has " + key.length);
        }
        return key;
    }

    @Override
    public String toString() {
        return "StorageProperties[directory=" + directory + ", masterKey=****]";
    }
}
