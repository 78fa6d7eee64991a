package rightsize.emulator.capacity;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * An Azure ML managed online deployment: {@code instanceCount} instances, each serving at most
 * {@code maxConcurrentPerInstance} requests at once (fewer when the app on it holds fewer); more
 * wait in a FIFO queue; more than {@code 2 x maxConcurrentPerInstance x instanceCount} in flight are
 * refused with 429; a request still unfinished {@code requestTimeoutMs} after arrival gets 408.
 */
public final class ManagedComputeDeployment implements DeploymentModel, Generation.Owner {
  private final String name;
  private final Instance[] instances;
  private final int maxConcurrentPerInstance;
  private final int slotsPerInstance;
  private final long requestTimeoutNanos;
  private final Scheduler scheduler;
  private final InFlightObserver observer;
  private final ArrayDeque<Generation> queue = new ArrayDeque<>();
  private final Map<Generation, Scheduler.Timer> deadlines = new HashMap<>();
  private int inFlight;

  public ManagedComputeDeployment(
      String name,
      ServingProfile profile,
      int instanceCount,
      int maxConcurrentPerInstance,
      long requestTimeoutMs,
      Scheduler scheduler,
      InFlightObserver observer) {
    if (instanceCount < 1 || maxConcurrentPerInstance < 1) {
      throw new IllegalArgumentException(
          "deployment '" + name + "': instance-count and"
              + " emulator.max-concurrent-requests-per-instance must be >= 1");
    }
    this.name = name;
    this.instances = new Instance[instanceCount];
    for (int i = 0; i < instanceCount; i++) {
      instances[i] = new Instance(profile, name, i, observer);
    }
    this.maxConcurrentPerInstance = maxConcurrentPerInstance;
    this.slotsPerInstance = Math.min(maxConcurrentPerInstance, profile.concurrencyLimit());
    this.requestTimeoutNanos = requestTimeoutMs * 1_000_000L;
    this.scheduler = scheduler;
    this.observer = observer;
  }

  @Override
  public int inFlight() {
    return inFlight;
  }

  /** Requests Azure ML lets in flight before answering 429: 2 x max concurrent x instances. */
  public int pendingLimit() {
    return 2 * maxConcurrentPerInstance * instances.length;
  }

  /** Requests waiting for a slot. */
  public int queued() {
    return queue.size();
  }

  @Override
  public void submit(Generation g) {
    if (inFlight + 1 > pendingLimit()) {
      g.listener().onRejected(
          new Rejection(Rejection.Reason.TOO_MANY_PENDING, pendingLimit(), 0, null));
      return;
    }
    g.admitted(this, scheduler, null);
    changeInFlight(+1);
    if (requestTimeoutNanos > 0) {
      deadlines.put(
          g, scheduler.schedule(() -> deadline(g), g.arrivalNanos() + requestTimeoutNanos));
    }
    queue.add(g);
    dispatch();
  }

  private void deadline(Generation g) {
    deadlines.remove(g);
    if (g.queued()) {
      queue.remove(g);
      expire(g);
    } else if (g.running()) {
      g.stopRunning();
      changeInFlight(-1);
      g.listener().onTimedOut();
      dispatch();
    }
  }

  @Override
  public void released(Generation g, boolean fromQueue) {
    Scheduler.Timer deadline = deadlines.remove(g);
    if (deadline != null) {
      deadline.cancel();
    }
    if (fromQueue) {
      queue.remove(g);
    }
    changeInFlight(-1);
    dispatch();
  }

  private void dispatch() {
    while (!queue.isEmpty()) {
      Instance free = leastLoaded();
      if (free.active() >= slotsPerInstance) {
        return;
      }
      Generation next = queue.poll();
      long now = scheduler.nanoTime();
      if (requestTimeoutNanos > 0 && now - next.arrivalNanos() >= requestTimeoutNanos) {
        // Its deadline is now: a slot freed by another timeout must not start a request that is already late.
        Scheduler.Timer deadline = deadlines.remove(next);
        if (deadline != null) {
          deadline.cancel();
        }
        expire(next);
        continue;
      }
      next.start(free, now);
    }
  }

  /** Answers a queued request 408 and forgets it. */
  private void expire(Generation g) {
    g.dropFromQueue();
    changeInFlight(-1);
    g.listener().onRejected(
        new Rejection(Rejection.Reason.REQUEST_TIMEOUT, requestTimeoutNanos / 1_000_000L, 0, null));
  }

  private Instance leastLoaded() {
    Instance best = instances[0];
    for (Instance i : instances) {
      if (i.active() < best.active()) {
        best = i;
      }
    }
    return best;
  }

  private void changeInFlight(int delta) {
    inFlight += delta;
    observer.inFlightChanged(name, scheduler.nanoTime(), inFlight);
  }
}
