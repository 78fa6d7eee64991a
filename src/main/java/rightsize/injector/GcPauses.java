package rightsize.injector;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The stop-the-world pause time of this JVM's garbage collectors, from their GC notifications
 * ({@link GarbageCollectionNotificationInfo}): every collection a collector reports counts, except
 * the concurrent cycles of ZGC, Shenandoah and G1 ({@code "... Cycles"}, {@code "G1 Concurrent
 * GC"}), during which the application runs on.
 */
final class GcPauses implements AutoCloseable {
  private final AtomicLong pausedMs = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onNotification;

  GcPauses() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter && pauses(gc.getName())) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  /** False for the collectors whose reported durations are concurrent work, not pauses. */
  static boolean pauses(String collector) {
    return !collector.endsWith(" Cycles") && !collector.equals("G1 Concurrent GC");
  }

  private void onNotification(Notification n, Object handback) {
    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())
        && n.getUserData() instanceof CompositeData data) {
      pausedMs.addAndGet(GarbageCollectionNotificationInfo.from(data).getGcInfo().getDuration());
    }
  }

  /** Pause milliseconds reported since the previous call (whole milliseconds: the JVM reports no finer). */
  long takeMs() {
    return pausedMs.getAndSet(0);
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (ListenerNotFoundException gone) {
        // Nothing to remove.
      }
    }
  }
}
