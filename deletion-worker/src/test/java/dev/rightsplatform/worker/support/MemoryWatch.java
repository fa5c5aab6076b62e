package dev.rightsplatform.worker.support;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Watches what the JVM holds while something runs: live heap (measured after a full collection, so garbage does not
 * count), the direct memory of Netty's default allocator (where Reactor Netty keeps the bytes it reads and writes),
 * and the JDK's direct buffers. Reports the most each grew above where it stood when the watch started.
 */
public final class MemoryWatch implements AutoCloseable {

    /**
     * How much each kind of memory grew at most, in bytes, and the progress of the watched work at each sample (to
     * show that samples were taken while it ran).
     */
    public record Growth(long heap, long nettyDirect, long jdkDirect, List<Long> progress) {

        public int samples() {
            return this.progress.size();
        }

        public long largest() {
            return Math.max(this.heap, Math.max(this.nettyDirect, this.jdkDirect));
        }
    }

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "memory-watch");
        thread.setDaemon(true);
        return thread;
    });

    private final long heapBase;

    private final long nettyBase;

    private final long jdkBase;

    private final AtomicLong heapPeak = new AtomicLong();

    private final AtomicLong nettyPeak = new AtomicLong();

    private final AtomicLong jdkPeak = new AtomicLong();

    private final List<Long> progress = new CopyOnWriteArrayList<>();

    private final LongSupplier progressProbe;

    private MemoryWatch(long intervalMillis, LongSupplier progressProbe) {
        this.progressProbe = progressProbe;
        this.heapBase = liveHeap();
        this.nettyBase = nettyDirect();
        this.jdkBase = jdkDirect();
        this.sampler.scheduleWithFixedDelay(this::sample, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Samples every intervalMillis (plus the time a full collection takes); progress says how far the work is. */
    public static MemoryWatch start(long intervalMillis, LongSupplier progress) {
        return new MemoryWatch(intervalMillis, progress);
    }

    private void sample() {
        this.heapPeak.accumulateAndGet(liveHeap() - this.heapBase, Math::max);
        this.nettyPeak.accumulateAndGet(nettyDirect() - this.nettyBase, Math::max);
        this.jdkPeak.accumulateAndGet(jdkDirect() - this.jdkBase, Math::max);
        this.progress.add(this.progressProbe.getAsLong());
    }

    /** Stops watching (after one last sample) and says how much each kind grew at most. */
    public Growth stop() {
        this.sampler.shutdownNow();
        sample();
        return new Growth(this.heapPeak.get(), this.nettyPeak.get(), this.jdkPeak.get(), List.copyOf(this.progress));
    }

    @Override
    public void close() {
        this.sampler.shutdownNow();
    }

    /** Whether Netty's default allocator reports its direct memory (else that figure would always read 0). */
    public static boolean nettyMeasured() {
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider;
    }

    private static long liveHeap() {
        System.gc(); // a full collection in the test JVM: what remains is what something still holds
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long nettyDirect() {
        return (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider)
                ? provider.metric().usedDirectMemory()
                : 0;
    }

    private static long jdkDirect() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> "direct".equals(pool.getName()))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
    }
}
