package dev.rightsplatform.rights.delivery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EncryptedStore} promises, run against each implementation by a subclass that says where the
 * stored bytes are: encryption at rest, integrity, a data key per object bound to its name, writes visible only once
 * committed, replacement, deletion, keys and listing.
 */
abstract class EncryptedStoreContract {

    private static final SecureRandom random = new SecureRandom();

    protected final String masterKey = newMasterKey();

    /** A store under {@code masterKey} on the same storage as every other store this test makes. */
    protected abstract EncryptedStore store(String masterKey);

    /** The bytes stored for an object, as its storage holds them. */
    protected abstract byte[] stored(String key) throws IOException;

    /** Replaces the bytes stored for an object behind the store's back. */
    protected abstract void putStored(String key, byte[] bytes) throws IOException;

    /** Checks that nothing of writes that were not committed is left in the storage. */
    protected void assertNoUnfinishedWrites() throws IOException {}

    @Test
    void whatIsWrittenIsReadBackAndIsNotStoredInThePlain() throws IOException {
        var store = store(masterKey);
        byte[] content = randomBytes(3 * 1024 * 1024 + 12345); // several 1 MB segments and a partial one
        byte[] marker = "plain-text-marker-0123456789".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(marker, 0, content, 1000, marker.length);

        try (StoreWriter out = store.create("parts/a/b.json")) {
            out.write(content, 0, 1000);
            out.write(content[1000]);
            out.write(content, 1001, content.length - 1001);
            assertThat(out.written()).isEqualTo(content.length);
            out.commit();
        }

        assertThat(store.exists("parts/a/b.json")).isTrue();
        assertThat(store.size("parts/a/b.json")).isEqualTo(content.length);
        assertThat(readAll(store, "parts/a/b.json")).isEqualTo(content);
        byte[] stored = stored("parts/a/b.json");
        assertThat(indexOf(stored, marker)).isNegative();
        assertThat(Arrays.copyOf(stored, 4)).asString(StandardCharsets.US_ASCII).isEqualTo("RPS1");
        assertThat(store.list("parts/")).containsExactly("parts/a/b.json");
    }

    @Test
    void anEmptyObjectAndAWholeStreamAreStored() throws IOException {
        var store = store(masterKey);
        write(store, "parts/e/empty.json", new byte[0]);
        byte[] content = randomBytes(70_000);
        assertThat(store.write("parts/e/stream.json", new ByteArrayInputStream(content)))
                .isEqualTo(70_000);

        assertThat(store.size("parts/e/empty.json")).isZero();
        assertThat(readAll(store, "parts/e/empty.json")).isEmpty();
        assertThat(readAll(store, "parts/e/stream.json")).isEqualTo(content);
    }

    @Test
    void aFlippedByteAnywhereInTheCiphertextFailsTheRead() throws IOException {
        var store = store(masterKey);
        byte[] content = randomBytes(2 * 1024 * 1024);
        write(store, "archives/x.zip", content);
        byte[] stored = stored("archives/x.zip");

        for (int position : new int[] {200, stored.length / 2, stored.length - 5}) {
            byte[] tampered = stored.clone();
            tampered[position] ^= 0x01;
            putStored("archives/x.zip", tampered);
            assertThatThrownBy(() -> readAll(store, "archives/x.zip"))
                    .as("flipped at %d", position)
                    .isInstanceOf(IOException.class);
        }
        putStored("archives/x.zip", stored);
        assertThat(readAll(store, "archives/x.zip")).isEqualTo(content);
    }

    @Test
    void aTruncatedObjectOrAChangedSizeFailsTheRead() throws IOException {
        var store = store(masterKey);
        write(store, "archives/t.zip", randomBytes(1_500_000));
        byte[] whole = stored("archives/t.zip");

        putStored("archives/t.zip", Arrays.copyOf(whole, whole.length - 100));
        assertThatThrownBy(() -> readAll(store, "archives/t.zip")).isInstanceOf(IOException.class);

        byte[] otherSize = whole.clone();
        ByteBuffer.wrap(otherSize).putLong(4, 1_499_999);
        putStored("archives/t.zip", otherSize);
        assertThatThrownBy(() -> readAll(store, "archives/t.zip")).isInstanceOf(IOException.class);

        putStored("archives/t.zip", Arrays.copyOf(whole, 10));
        assertThatThrownBy(() -> readAll(store, "archives/t.zip")).isInstanceOf(IOException.class);
    }

    @Test
    void anotherMasterKeyCannotOpenAnObject() throws IOException {
        write(store(masterKey), "parts/r/t.json", "{\"categories\":{}}".getBytes(StandardCharsets.UTF_8));

        var other = store(newMasterKey());

        assertThatThrownBy(() -> other.open("parts/r/t.json"))
                .isInstanceOf(IOException.class)
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

        // an object moved under another name does not open: key and content are bound to the name
        putStored("parts/r/two.json", stored("parts/r/one.json"));
        assertThatThrownBy(() -> readAll(store, "parts/r/two.json")).isInstanceOf(IOException.class);
    }

    @Test
    void aWriteThatIsNotCommittedLeavesNothingAndKeepsTheObjectItWouldReplace() throws IOException {
        var store = store(masterKey);
        write(store, "parts/r/t.json", "old".getBytes(StandardCharsets.UTF_8));

        try (StoreWriter out = store.create("parts/r/t.json")) {
            out.write(randomBytes(100_000));
            // not visible while it is written
            assertThat(readAll(store, "parts/r/t.json")).asString().isEqualTo("old");
        }
        try (StoreWriter out = store.create("parts/r/new.json")) {
            out.write(randomBytes(100_000));
            assertThat(store.exists("parts/r/new.json")).isFalse();
        }

        assertThat(readAll(store, "parts/r/t.json")).asString().isEqualTo("old");
        assertThat(store.exists("parts/r/new.json")).isFalse();
        assertThat(store.list("")).containsExactly("parts/r/t.json");
        assertNoUnfinishedWrites();
    }

    @Test
    void aCommittedWriteReplacesTheObject() throws IOException {
        var store = store(masterKey);
        write(store, "archives/r.zip", "first".getBytes(StandardCharsets.UTF_8));
        write(store, "archives/r.zip", "second, longer".getBytes(StandardCharsets.UTF_8));

        assertThat(readAll(store, "archives/r.zip")).asString().isEqualTo("second, longer");
        assertThat(store.size("archives/r.zip")).isEqualTo(14);
        assertThat(store.list("archives/")).containsExactly("archives/r.zip");
    }

    @Test
    void aWriterCannotBeUsedAfterItsCommitOrClose() throws IOException {
        var store = store(masterKey);
        StoreWriter out = store.create("parts/w/x.json");
        out.write(1);
        out.commit();
        assertThatThrownBy(() -> out.write(2)).isInstanceOf(IOException.class);
        assertThatThrownBy(out::commit).isInstanceOf(IOException.class);
        out.close();
        assertThat(readAll(store, "parts/w/x.json")).containsExactly(1);
    }

    @Test
    void deletingRemovesTheObject() throws IOException {
        var store = store(masterKey);
        write(store, "archives/d.zip", randomBytes(10_000));
        write(store, "archives/e.zip", randomBytes(10));

        assertThat(store.delete("archives/d.zip")).isTrue();

        assertThat(store.exists("archives/d.zip")).isFalse();
        assertThat(store.delete("archives/d.zip")).isFalse();
        assertThatThrownBy(() -> store.open("archives/d.zip")).isInstanceOf(NoSuchObjectException.class);
        assertThatThrownBy(() -> store.size("archives/d.zip")).isInstanceOf(NoSuchObjectException.class);
        assertThat(store.list("archives/")).containsExactly("archives/e.zip");
    }

    @Test
    void aMissingObjectIsNoSuchObject() throws IOException {
        var store = store(masterKey);
        assertThat(store.exists("parts/none/x.json")).isFalse();
        assertThatThrownBy(() -> store.open("parts/none/x.json")).isInstanceOf(NoSuchObjectException.class);
        assertThatThrownBy(() -> store.size("parts/none/x.json")).isInstanceOf(NoSuchObjectException.class);
        assertThat(store.delete("parts/none/x.json")).isFalse();
        assertThat(store.list("parts/none/")).isEmpty();
    }

    @Test
    void listingIsByPrefixAndSorted() throws IOException {
        var store = store(masterKey);
        for (String key : new String[] {
            "parts/b/2.json", "parts/a/1.json", "parts/b/1.json", "parts/ab/1.json", "archives/b.zip", "archives/a.zip"
        }) {
            write(store, key, key.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(store.list("parts/b/")).containsExactly("parts/b/1.json", "parts/b/2.json");
        assertThat(store.list("parts/a/")).containsExactly("parts/a/1.json");
        assertThat(store.list("parts/"))
                .containsExactly("parts/a/1.json", "parts/ab/1.json", "parts/b/1.json", "parts/b/2.json");
        assertThat(store.list("archives/")).containsExactly("archives/a.zip", "archives/b.zip");
        assertThat(store.list("")).hasSize(6).isSorted();
        assertThat(store.list("parts/c/")).isEmpty();
    }

    @Test
    void keysCannotLeaveTheStore() {
        var store = store(masterKey);
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "a//b", ".partial/x", "a/", ""}) {
            assertThatThrownBy(() -> store.create(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.list("../")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Reads an object's wrapped data key from its header (ObjectFormat) and unwraps it with the master key. */
    protected byte[] unwrapDataKey(String key) throws Exception {
        byte[] stored = stored(key);
        int length = ByteBuffer.wrap(stored, 12, 2).getShort() & 0xffff;
        byte[] wrapped = Arrays.copyOfRange(stored, 14, 14 + length);
        var parameters = AesGcmParameters.builder()
                .setKeySizeBytes(32)
                .setIvSizeBytes(12)
                .setTagSizeBytes(16)
                .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                .build();
        var master = AesGcmJce.create(AesGcmKey.builder()
                .setParameters(parameters)
                .setKeyBytes(SecretBytes.copyFrom(Base64.getDecoder().decode(masterKey), InsecureSecretKeyAccess.get()))
                .build());
        return master.decrypt(wrapped, ("rights-platform/store/v1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    static String newMasterKey() {
        return Base64.getEncoder().encodeToString(randomBytes(32));
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    static void write(EncryptedStore store, String key, byte[] content) throws IOException {
        try (StoreWriter out = store.create(key)) {
            out.write(content);
            out.commit();
        }
    }

    static byte[] readAll(EncryptedStore store, String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
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
