package dev.rightsplatform.rights.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file system store on a real temporary directory: encryption at rest, integrity, atomic writes, shredding. */
class FileSystemEncryptedStoreUnitTests {

    private static final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    private final String masterKey = newMasterKey();

    @Test
    void whatIsWrittenIsReadBackAndIsNotOnDiskInThePlain() throws IOException {
        var store = store(masterKey);
        byte[] content = randomBytes(3 * 1024 * 1024 + 12345); // several 1 MB segments and a partial one
        byte[] marker = "plain-text-marker-0123456789".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(marker, 0, content, 1000, marker.length);

        try (StoreWriter out = store.create("parts/a/b.json")) {
            out.write(content, 0, 1000);
            out.write(content, 1000, content.length - 1000);
            out.commit();
        }

        assertThat(store.exists("parts/a/b.json")).isTrue();
        assertThat(store.size("parts/a/b.json")).isEqualTo(content.length);
        try (InputStream in = store.open("parts/a/b.json")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        byte[] onDisk = Files.readAllBytes(dir.resolve("parts/a/b.json"));
        assertThat(indexOf(onDisk, marker)).isNegative();
        assertThat(store.list("parts/")).containsExactly("parts/a/b.json");
    }

    @Test
    void aFlippedByteAnywhereInTheCiphertextFailsTheRead() throws IOException {
        var store = store(masterKey);
        byte[] content = randomBytes(2 * 1024 * 1024);
        write(store, "archives/x.zip", content);
        Path file = dir.resolve("archives/x.zip");
        long length = Files.size(file);

        for (long position : new long[] {200, length / 2, length - 5}) {
            flipByte(file, position);
            assertThatThrownBy(() -> readAll(store, "archives/x.zip")).isInstanceOf(IOException.class);
            flipByte(file, position);
        }
        assertThat(readAll(store, "archives/x.zip")).isEqualTo(content);
    }

    @Test
    void aTruncatedObjectOrAChangedSizeFailsTheRead() throws IOException {
        var store = store(masterKey);
        write(store, "archives/t.zip", randomBytes(1_500_000));
        Path file = dir.resolve("archives/t.zip");
        byte[] whole = Files.readAllBytes(file);

        Files.write(file, Arrays.copyOf(whole, whole.length - 100));
        assertThatThrownBy(() -> readAll(store, "archives/t.zip")).isInstanceOf(IOException.class);

        byte[] otherSize = whole.clone();
        ByteBuffer.wrap(otherSize).putLong(4, 1_499_999);
        Files.write(file, otherSize);
        assertThatThrownBy(() -> readAll(store, "archives/t.zip")).isInstanceOf(IOException.class);
    }

    @Test
    void anotherMasterKeyCannotOpenAnObject() throws IOException {
        write(store(masterKey), "parts/r/t.json", "{\"categories\":{}}".getBytes(StandardCharsets.UTF_8));

        var other = store(newMasterKey());

        assertThatThrownBy(() -> other.open("parts/r/t.json")).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void everyObjectHasItsOwnDataKeyBoundToItsName() throws Exception {
        var store = store(masterKey);
        byte[] same = "the same content".getBytes(StandardCharsets.UTF_8);
        write(store, "parts/r/one.json", same);
        write(store, "parts/r/two.json", same);

        byte[] one = unwrapDataKey("parts/r/one.json");
        byte[] two = unwrapDataKey("parts/r/two.json");
        assertThat(one).hasSize(32).isNotEqualTo(two);

        // a file moved under another name does not open: key and content are bound to the name
        Files.copy(dir.resolve("parts/r/one.json"), dir.resolve("parts/r/two.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> readAll(store, "parts/r/two.json")).isInstanceOf(IOException.class);
    }

    @Test
    void aWriteThatIsNotCommittedLeavesNothingAndKeepsTheObjectItWouldReplace() throws IOException {
        var store = store(masterKey);
        write(store, "parts/r/t.json", "old".getBytes(StandardCharsets.UTF_8));

        try (StoreWriter out = store.create("parts/r/t.json")) {
            out.write(randomBytes(100_000));
        }
        try (StoreWriter out = store.create("parts/r/new.json")) {
            out.write(randomBytes(100_000));
        }

        assertThat(readAll(store, "parts/r/t.json")).asString().isEqualTo("old");
        assertThat(store.exists("parts/r/new.json")).isFalse();
        assertThat(store.list("")).containsExactly("parts/r/t.json");
        try (Stream<Path> partial = Files.list(dir.resolve(FileSystemEncryptedStore.PARTIAL))) {
            assertThat(partial).isEmpty();
        }
    }

    @Test
    void aCommittedWriteReplacesTheObject() throws IOException {
        var store = store(masterKey);
        write(store, "archives/r.zip", "first".getBytes(StandardCharsets.UTF_8));
        write(store, "archives/r.zip", "second, longer".getBytes(StandardCharsets.UTF_8));

        assertThat(readAll(store, "archives/r.zip")).asString().isEqualTo("second, longer");
        assertThat(store.size("archives/r.zip")).isEqualTo(14);
    }

    @Test
    void deletingDestroysTheDataKeyEvenInACopyThatSharesTheFile() throws IOException {
        var store = store(masterKey);
        write(store, "archives/d.zip", randomBytes(10_000));
        // a second name for the same file stands for what stays behind on disk (free blocks, a later snapshot)
        Path leftBehind = dir.resolve("left-behind");
        Files.createLink(leftBehind, dir.resolve("archives/d.zip"));

        assertThat(store.delete("archives/d.zip")).isTrue();

        assertThat(store.exists("archives/d.zip")).isFalse();
        assertThat(store.delete("archives/d.zip")).isFalse();
        assertThatThrownBy(() -> store.open("archives/d.zip")).isInstanceOf(NoSuchObjectException.class);
        Files.move(leftBehind, dir.resolve("archives/d.zip"));
        assertThatThrownBy(() -> readAll(store, "archives/d.zip")).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void keysCannotLeaveTheStore() {
        var store = store(masterKey);
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "a//b", ".partial/x", "a/", ""}) {
            assertThatThrownBy(() -> store.create(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aMissingOrShortMasterKeyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new StorageProperties(dir, null))
                .hasMessageContaining("rights.storage.master-key is required");
        assertThatThrownBy(() -> new StorageProperties(dir, Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("rights.storage.master-key must decode to 32 bytes");
        assertThatThrownBy(() -> new StorageProperties(dir, "not base64!"))
                .hasMessageContaining("rights.storage.master-key");
        assertThat(new StorageProperties(dir, masterKey).toString()).doesNotContain(masterKey);
    }

    private FileSystemEncryptedStore store(String key) {
        return new FileSystemEncryptedStore(new StorageProperties(dir, key));
    }

    /** Reads an object's wrapped data key from its header (StoredFile's format) and unwraps it with the master key. */
    private byte[] unwrapDataKey(String key) throws Exception {
        byte[] file = Files.readAllBytes(dir.resolve(key));
        int length = ByteBuffer.wrap(file, 12, 2).getShort() & 0xffff;
        byte[] wrapped = Arrays.copyOfRange(file, 14, 14 + length);
        var parameters = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16)
                .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
        var master = AesGcmJce.create(AesGcmKey.builder().setParameters(parameters).setKeyBytes(
                SecretBytes.copyFrom(Base64.getDecoder().decode(masterKey), InsecureSecretKeyAccess.get())).build());
        return master.decrypt(wrapped, ("rights-platform/store/v1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    static String newMasterKey() {
        return Base64.getEncoder().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void write(EncryptedStore store, String key, byte[] content) throws IOException {
        try (StoreWriter out = store.create(key)) {
            out.write(content);
            out.commit();
        }
    }

    private static byte[] readAll(EncryptedStore store, String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x01);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
