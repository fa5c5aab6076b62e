package dev.rightsplatform.rights.deadline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Finds and reads China calendar files: the platform's own {@code .holidays} files ({@link HolidaysFileFormat}) and
 * the holiday-cn JSON files operators already keep ({@link HolidayCnFormat}). A file that cannot be read stops the
 * service with a message naming it, rather than letting deadlines be computed from a calendar with a hole in it.
 */
final class ChinaCalendarFiles {

    static final String SHIPPED = "classpath*:deadline/china/*" + HolidaysFileFormat.EXTENSION;
    private static final Logger log = LoggerFactory.getLogger(ChinaCalendarFiles.class);

    private ChinaCalendarFiles() {}

    static List<ChinaYear> shipped() {
        try {
            var years = new ArrayList<ChinaYear>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(SHIPPED)) {
                var name = "classpath:deadline/china/" + resource.getFilename();
                read(name, resource.getContentAsByteArray()).ifPresent(years::add);
            }
            return years;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the shipped China calendar " + SHIPPED, e);
        }
    }

    /** Every {@code .holidays} and {@code .json} file of the operator's directory. */
    static List<ChinaYear> directory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("rights.deadline.china-calendar-dir: " + directory + " is not a directory");
        }
        try (Stream<Path> files = Files.list(directory)) {
            var years = new ArrayList<ChinaYear>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                if (isCalendarFile(file.getFileName().toString())) {
                    read(file.toString(), Files.readAllBytes(file)).ifPresent(years::add);
                } else {
                    log.warn("China calendar: ignoring {} (neither .holidays nor .json)", file);
                }
            }
            return years;
        } catch (IOException e) {
            throw new UncheckedIOException("rights.deadline.china-calendar-dir: cannot read " + directory, e);
        }
    }

    /** Empty for a holiday-cn file that lists no days yet: its year stays without data, and so provisional. */
    static Optional<ChinaYear> read(String name, byte[] content) {
        var lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            var year = HolidayCnFormat.parse(name, content);
            if (year.isEmpty()) {
                log.warn("China calendar: {} lists no days (not published yet?): its year stays provisional", name);
            }
            return year;
        }
        if (lower.endsWith(HolidaysFileFormat.EXTENSION)) {
            return Optional.of(HolidaysFileFormat.parse(name, new String(content, StandardCharsets.UTF_8)));
        }
        throw new IllegalStateException("China calendar file " + name + ": expected a .holidays or a .json file");
    }

    private static boolean isCalendarFile(String fileName) {
        var lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(HolidaysFileFormat.EXTENSION);
    }
}
