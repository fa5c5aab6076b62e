package dev.rightsplatform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU accounting from Linux's /proc, so a figure says what it cost as well as how fast it went: a process's user +
 * system time, and the whole machine's busy and total time (all cores, every process: other engineers' builds too).
 */
public final class ProcStat {

    /** USER_HZ: /proc reports times in these ticks; 100 on every mainstream Linux. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcStat() {}

    public static long cpuNanosOf(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) * NANOS_PER_TICK;
    }

    /**
     * CPU time of each group of a process's threads, by name with digits left out ("C2 CompilerThre#",
     * "reactor-tcp-epo#"; Linux keeps 15 characters of a thread's name).
     */
    public static Map<String, Long> threadGroupNanos(long pid) {
        Map<String, Long> groups = new TreeMap<>();
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            threads.forEach(thread -> {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException gone) {
                    return; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                        .replaceAll("[0-9]+", "#");
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
                groups.merge(name, nanos, Long::sum);
            });
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return groups;
    }

    /** Whether a group of {@link #threadGroupNanos} is the JIT compiler's ("C2 CompilerThre#", "C1 CompilerThre#"). */
    public static boolean isJitCompiler(String threadGroup) {
        return threadGroup.contains("Compil");
    }

    /** CPU time of a process's JIT compiler threads. */
    public static long jitCompilerNanos(long pid) {
        return threadGroupNanos(pid).entrySet().stream()
                .filter(group -> isJitCompiler(group.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /**
     * CPU time of every process whose command name starts with one of the given names (e.g. "beam.smp" for RabbitMQ,
     * "postgres" for PostgreSQL), by name: whatever they did for anyone on this machine.
     */
    public static Map<String, Long> processNanos(String... names) {
        Map<String, Long> byName = new TreeMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes
                    .filter(process -> process.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(process -> {
                        String stat;
                        try {
                            stat = Files.readString(process.resolve("stat"));
                        } catch (IOException gone) {
                            return; // the process ended meanwhile
                        }
                        String command = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        for (String name : names) {
                            if (command.startsWith(name)) {
                                String[] fields = stat.substring(stat.lastIndexOf(')') + 2)
                                        .split(" ");
                                long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
                                byName.merge(name, nanos, Long::sum);
                            }
                        }
                    });
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return byName;
    }

    /** The machine's {busy, total} ticks since boot, summed over all cores. */
    public static long[] machineTicks() {
        String cpu = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow();
        String[] fields = cpu.trim().split("\\s+");
        long total = 0;
        long idle = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) {
            long value = Long.parseLong(fields[i]);
            total += value;
            if (i == 4 || i == 5) { // idle, iowait
                idle += value;
            }
        }
        return new long[] {total - idle, total};
    }

    /** Resident set size of a process in bytes (VmRSS of /proc/PID/status). */
    public static long rssBytes(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status"))
                .lines()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D+", "")) * 1024)
                .findFirst()
                .orElseThrow();
    }

    public static String loadAverage() {
        String[] fields = read(Path.of("/proc/loadavg")).trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
