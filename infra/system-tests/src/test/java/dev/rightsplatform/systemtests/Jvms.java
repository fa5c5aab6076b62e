package dev.rightsplatform.systemtests;

import dev.rightsplatform.testsupport.ProcStat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services' JVMs as a benchmark reports them: start-up to ready, resident memory idle and at the end, and whether
 * every one is still alive (an OutOfMemoryError ends the process: the options file says -XX:+ExitOnOutOfMemoryError).
 * One line per service, "jvm NAME: start-up S s, RSS idle I MB, RSS at the end E MB, alive", which infra/bench/all reads.
 */
final class Jvms {

    private static final long SETTLE_MILLIS = 5_000;

    private Jvms() {}

    /** Each service's resident memory once the platform is up and has been left alone for a few seconds. */
    static Map<String, Long> idle(Platform platform) {
        ServiceProcess.sleepQuietly(java.time.Duration.ofMillis(SETTLE_MILLIS));
        var rss = new LinkedHashMap<String, Long>();
        for (var service : platform.services()) {
            rss.put(service.name, ProcStat.rssBytes(service.pid()) >> 20);
        }
        return rss;
    }

    static List<String> report(Platform platform, Map<String, Long> idle) {
        var jvm = Boolean.parseBoolean(System.getenv("BENCH_JVM_DEFAULTS"))
                ? "the JVM's defaults"
                : "infra/jvm/<service>.options";
        var lines = new ArrayList<String>();
        lines.add("jvm options: " + jvm);
        for (var service : platform.services()) {
            var alive = service.alive();
            var startUp = service.startUp();
            lines.add(String.format(
                    "jvm %s: start-up %s s, RSS idle %d MB, RSS at the end %s MB, %s",
                    service.name,
                    startUp == null ? "?" : String.format("%.1f", startUp.toMillis() / 1000.0),
                    idle.getOrDefault(service.name, -1L),
                    alive ? String.valueOf(ProcStat.rssBytes(service.pid()) >> 20) : "?",
                    alive ? "alive" : "EXITED (see its log)"));
        }
        return lines;
    }
}
