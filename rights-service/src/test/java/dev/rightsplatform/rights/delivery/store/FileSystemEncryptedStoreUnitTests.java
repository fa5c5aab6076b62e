package dev.rightsplatform.rights.delivery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file system store on a real temporary directory: the store contract ({@link EncryptedStoreContract}), and what
 * only files have: the temporary folder of writes, shredding of the wrapped key on disk, the settings.
 */
class FileSystemEncryptedStoreUnitTests extends EncryptedStoreContract {

    @TempDir
    Path dir;

    @Override
    protected FileSystemEncryptedStore store(String key) {
        return new FileSystemEncryptedStore(new StorageProperties(dir, key));
    }

    @Override
    protected byte[] stored(String key) throws IOException {
        return Files.readAllBytes(dir.resolve(key));
    }

    @Override
    protected void putStored(String key, byte[] bytes) throws IOException {
        Files.write(dir.resolve(key), bytes);
    }

    @Override
    protected void assertNoUnfinishedWrites() throws IOException {
        try (Stream<Path> partial = Files.list(dir.resolve(FileSystemEncryptedStore.PARTIAL))) {
            assertThat(partial).isEmpty();
        }
    }

    @Test
    void aFlippedByteInPlaceFailsTheRead() throws IOException {
        var store = store(masterKey);
        byte[] content = randomBytes(2 * 1024 * 1024);
        write(store, "archives/x.zip", content);
        Path file = dir.resolve("archives/x.zip");

        flipByte(file, Files.size(file) / 3);
        assertThatThrownBy(() -> readAll(store, "archives/x.zip")).isInstanceOf(IOException.class);
        flipByte(file, Files.size(file) / 3);
        assertThat(readAll(store, "archives/x.zip")).isEqualTo(content);
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
        assertThatThrownBy(() -> readAll(store, "archives/d.zip"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot be decrypted");
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

    private static void flipByte(Path file, long position) throws IOException {
        try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x01);
        }
    }
}
