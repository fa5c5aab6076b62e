package dev.rightsplatform.rights.delivery.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-machine {@link EncryptedStore}: one file per object under {@code rights.storage.directory}, in the
 * format of {@link ObjectFormat} (the data key, wrapped by the master key, in the file's header; the content encrypted
 * with Tink's streaming AEAD), written by {@link StoredFile}. Writes go to {@code .partial/} and are renamed into place atomically on commit.
 * Deleting or replacing an object first overwrites its wrapped data key on disk, so that no copy of the file left in
 * free blocks or a snapshot taken later can be decrypted even with the master key (crypto-shredding).
 *
 * <p>Every method blocks on IO.
 */
public class FileSystemEncryptedStore implements EncryptedStore {

    private static final Logger log = LoggerFactory.getLogger(FileSystemEncryptedStore.class);
    public static final String PARTIAL = ".partial";
    /** Partial files older than this at start-up belong to writes that crashed. */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final Path root;
    private final Path partial;
    private final DataKeys keys;

    public FileSystemEncryptedStore(StorageProperties properties) {
        this.root = properties.root().toAbsolutePath().normalize();
        this.partial = root.resolve(PARTIAL);
        this.keys = new DataKeys(properties.masterKeyBytes());
        try {
            Files.createDirectories(partial);
            Path probe = Files.createTempFile(partial, "probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalStateException("rights.storage.directory " + root + " is not a writable directory", e);
        }
        sweepAbandonedWrites();
    }

    @Override
    public StoreWriter create(String key) throws IOException {
        ObjectKeys.check(key);
        Path temp = partial.resolve(UUID.randomUUID() + ".tmp");
        return new StoredFile.Writer(temp, key, keys.generate(key), this::publish);
    }

    @Override
    public InputStream open(String key) throws IOException {
        return StoredFile.open(path(key), key, keys);
    }

    @Override
    public boolean delete(String key) throws IOException {
        Path file = path(key);
        if (!Files.exists(file)) {
            return false;
        }
        // move it aside first, so a reader never opens a file whose key is being destroyed
        Path doomed = partial.resolve(UUID.randomUUID() + ".deleted");
        try {
            Files.move(file, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return false;
        }
        StoredFile.shred(doomed);
        return true;
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public long size(String key) throws IOException {
        return StoredFile.plainSize(path(key), key);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        ObjectKeys.checkPrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.startsWith(partial))
                    .map(file -> root.relativize(file)
                            .toString()
                            .replace(file.getFileSystem().getSeparator(), "/"))
                    .filter(key -> key.startsWith(prefix))
                    .sorted()
                    .toList();
        }
    }

    /** The file of an object. */
    Path path(String key) {
        return root.resolve(ObjectKeys.check(key));
    }

    /** Puts a finished temporary file in place of {@code key}, then shreds the object it replaced. */
    private void publish(Path temp, String key) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        @Nullable Path previous = keepPrevious(target);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (previous != null) {
            StoredFile.shred(previous);
        }
    }

    /** A second name for the object about to be replaced, so its key can be shredded after the atomic swap. */
    private @Nullable Path keepPrevious(Path target) {
        Path previous = partial.resolve(UUID.randomUUID() + ".replaced");
        try {
            Files.createLink(previous, target);
            return previous;
        } catch (NoSuchFileException nothingThere) {
            return null;
        } catch (IOException | UnsupportedOperationException noHardLinks) {
            log.warn("cannot link {} before replacing it: its data key is not overwritten", target.getFileName());
            return null;
        }
    }

    private void sweepAbandonedWrites() {
        FileTime before = FileTime.from(Instant.now().minus(ABANDONED_AFTER));
        List<Path> abandoned = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(partial)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).compareTo(before) < 0) {
                    abandoned.add(file);
                }
            }
            for (Path file : abandoned) {
                StoredFile.shred(file);
            }
        } catch (IOException e) {
            log.warn("cannot sweep abandoned writes in {}: {}", partial, e.toString());
        }
        if (!abandoned.isEmpty()) {
            log.info("removed {} files of writes that did not finish", abandoned.size());
        }
    }
}
