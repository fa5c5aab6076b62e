package dev.rightsplatform.rights.delivery.archive;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Watches the heap through the garbage collector's notifications: the most it held just before a collection
 * ({@link #peakUsed()}, at most the maximum heap) and the most that survived one ({@link #peakLive()}: what the
 * program really kept, the memory bound that matters).
 */
public final class HeapWatch {

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakLive = new AtomicLong();

    public HeapWatch() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector)
                    .addNotificationListener(
                            (notification, handback) -> {
                                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                        notification.getType())) {
                                    var info = GarbageCollectionNotificationInfo.from(
                                            (CompositeData) notification.getUserData());
                                    peakUsed.accumulateAndGet(
                                            heap(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
                                    peakLive.accumulateAndGet(
                                            heap(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
                                }
                            },
                            null,
                            null);
        }
    }

    public long peakUsed() {
        return peakUsed.get();
    }

    public long peakLive() {
        return peakLive.get();
    }

    private long heap(Map<String, MemoryUsage> usage) {
        return usage.entrySet().stream()
                .filter(pool -> heapPools.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed())
                .sum();
    }
}
