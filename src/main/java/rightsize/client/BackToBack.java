package rightsize.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import rightsize.record.Status;

/** Sends one request many times through a client, a fixed number at a time, each as soon as one ends. */
public final class BackToBack {
  private BackToBack() {}

  /**
   * Sends {@code request} {@code times} times, {@code inFlight} at a time, and waits at most {@code
   * bound} for them all to end. Returns how many ended by then, by status.
   */
  public static Map<Status, Integer> send(ChatClient client, ChatRequest request, int times, int inFlight, Duration bound)
      throws InterruptedException {
    if (times <= 0) {
      return Map.of();
    }
    Map<Status, Integer> ended = new ConcurrentHashMap<>();
    AtomicInteger unsent = new AtomicInteger(times);
    CountDownLatch all = new CountDownLatch(times);
    Consumer<ChatResult> onEnd = new Consumer<>() {
      @Override
      public void accept(ChatResult r) {
        ended.merge(r.status(), 1, Integer::sum);
        all.countDown();
        if (unsent.getAndDecrement() > 0) {
          client.execute(request, this);
        }
      }
    };
    for (int i = 0; i < inFlight && unsent.getAndDecrement() > 0; i++) {
      client.execute(request, onEnd);
    }
    all.await(bound.toNanos(), TimeUnit.NANOSECONDS);
    return Map.copyOf(ended);
  }
}
