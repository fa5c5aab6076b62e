package dev.rightsplatform.rights.delivery.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.util.unit.DataSize;

/**
 * Where and how collected parts and export archives are stored.
 *
 * @param directory root directory of the single-machine store ({@link FileSystemEncryptedStore}); required when
 *                  {@code type} is {@code filesystem}
 * @param masterKey base64 of 32 random bytes ({@code openssl rand -base64 32}); wraps the data key of every object.
 *                  Losing it makes every stored object unreadable; changing it too.
 * @param type      {@code filesystem} (the default) or {@code s3}
 * @param s3        the bucket of {@link S3EncryptedStore}, when {@code type} is {@code s3}
 */
@ConfigurationProperties("rights.storage")
public record StorageProperties(
        @Nullable Path directory, @Nullable String masterKey, Type type, S3 s3) {

    static final int MASTER_KEY_BYTES = 32;

    /** Which {@link EncryptedStore} the service uses. */
    public enum Type {
        /** {@link FileSystemEncryptedStore} under {@code rights.storage.directory}: one machine (or a shared volume). */
        FILESYSTEM,
        /** {@link S3EncryptedStore} in {@code rights.storage.s3.bucket}: any number of replicas. */
        S3
    }

    @ConstructorBinding
    public StorageProperties {
        type = type == null ? Type.FILESYSTEM : type;
        s3 = s3 == null ? S3.defaults() : s3;
        if (type == Type.FILESYSTEM && directory == null) {
            throw new IllegalArgumentException("rights.storage.directory is required");
        }
        if (type == Type.S3) {
            s3.check();
        }
        decodeMasterKey(masterKey);
    }

    /** The file system store's settings. */
    public StorageProperties(@Nullable Path directory, @Nullable String masterKey) {
        this(directory, masterKey, Type.FILESYSTEM, S3.defaults());
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
            throw new IllegalArgumentException(
                    "rights.storage.master-key must decode to " + MASTER_KEY_BYTES + " bytes, it has " + key.length);
        }
        return key;
    }

    @Override
    public String toString() {
        return "StorageProperties[type=" + type.name().toLowerCase(Locale.ROOT) + ", directory=" + directory + ", s3="
                + s3 + ", masterKey=****]";
    }

    /**
     * The bucket of {@link S3EncryptedStore}. Credentials are never set here: the AWS SDK's default chain finds them
     * ({@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, a web identity token in Kubernetes, an instance
     * profile, ...).
     *
     * @param bucket          the bucket (must exist); required for {@code type: s3}
     * @param endpoint        the URL of an S3-compatible server (MinIO, Ceph, ...); empty for AWS itself
     * @param region          the region; empty: the SDK's default chain ({@code AWS_REGION}, the profile, ...)
     * @param pathStyleAccess {@code http://host/bucket/key} instead of {@code http://bucket.host/key} (most
     *                        S3-compatible servers want it)
     * @param prefix          a folder in the bucket that every key is put under ({@code rights/}); empty for none
     * @param partSize        the size of the parts of a multipart upload, 5 MB to 512 MB: a write holds at most two
     *                        of them in memory
     */
    public record S3(
            @Nullable String bucket,
            @Nullable String endpoint,
            @Nullable String region,
            boolean pathStyleAccess,
            @Nullable String prefix,
            @Nullable DataSize partSize) {

        static final DataSize DEFAULT_PART_SIZE = DataSize.ofMegabytes(8);
        static final DataSize MIN_PART_SIZE = DataSize.ofMegabytes(5);
        static final DataSize MAX_PART_SIZE = DataSize.ofMegabytes(512);

        public S3 {
            bucket = blankToNull(bucket);
            endpoint = blankToNull(endpoint);
            region = blankToNull(region);
            prefix = prefix == null ? "" : prefix.strip();
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix = prefix + "/";
            }
            partSize = partSize == null ? DEFAULT_PART_SIZE : partSize;
        }

        static S3 defaults() {
            return new S3(null, null, null, false, null, null);
        }

        /** Checks the settings an S3 store needs; the messages name them. */
        void check() {
            if (bucket == null) {
                throw new IllegalArgumentException("rights.storage.type is s3, but rights.storage.s3.bucket "
                        + "(RIGHTS_STORAGE_S3_BUCKET) is not set");
            }
            if (endpoint != null) {
                endpointUri();
            }
            try {
                ObjectKeys.checkPrefix(prefix());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "rights.storage.s3.prefix must be a folder such as rights/: "
                                + "segments of letters, digits, . _ - separated by /",
                        e);
            }
            if (partSize().compareTo(MIN_PART_SIZE) < 0 || partSize().compareTo(MAX_PART_SIZE) > 0) {
                throw new IllegalArgumentException(
                        "rights.storage.s3.part-size must be from 5MB to 512MB, it is " + partSize());
            }
        }

        /** The endpoint as a URI, or null for AWS's own. */
        @Nullable
        URI endpointUri() {
            if (endpoint == null) {
                return null;
            }
            try {
                URI uri = new URI(endpoint);
                if (uri.getScheme() == null
                        || uri.getHost() == null
                        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    throw new URISyntaxException(endpoint, "not an http or https URL");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("rights.storage.s3.endpoint is not an http(s) URL", e);
            }
        }

        @Override
        public String prefix() {
            return prefix == null ? "" : prefix;
        }

        @Override
        public DataSize partSize() {
            return partSize == null ? DEFAULT_PART_SIZE : partSize;
        }

        private static @Nullable String blankToNull(@Nullable String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
