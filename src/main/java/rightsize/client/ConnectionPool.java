package rightsize.client;

import io.netty.channel.Channel;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * Idle keep-alive connections per origin, most recently used first. A connection idle longer than
 * {@link #MAX_IDLE_MS} (by default) is closed instead of reused: servers close idle connections on their own
 * (uvicorn, under vLLM, after 5 s), and a request written into a connection the server is closing
 * at that moment would be lost, since requests are never retried.
 */
final class ConnectionPool {
  static final long MAX_IDLE_MS = 4_000;

  private record Idle(Channel channel, long sinceNanos) {}

  private final Map<Origin, Deque<Idle>> idle = new ConcurrentHashMap<>();
  private final long maxIdleNanos;

  ConnectionPool(long maxIdleMs) {
    this.maxIdleNanos = TimeUnit.MILLISECONDS.toNanos(maxIdleMs);
  }

  /** An idle open connection to {@code origin}, removed from the pool, or null. */
  Channel acquire(Origin origin) {
    Deque<Idle> q = idle.get(origin);
    if (q == null) {
      return null;
    }
    long now = System.nanoTime();
    Idle i;
    while ((i = q.pollFirst()) != null) {
      if (now - i.sinceNanos() > maxIdleNanos) {
        i.channel().close();
      } else if (i.channel().isActive()) {
        return i.channel();
      }
    }
    return null;
  }

  void release(Origin origin, Channel ch) {
    idle.computeIfAbsent(origin, o -> new ConcurrentLinkedDeque<>()).offerFirst(new Idle(ch, System.nanoTime()));
  }

  void remove(Origin origin, Channel ch) {
    Deque<Idle> q = idle.get(origin);
    if (q != null) {
      q.removeIf(i -> i.channel() == ch);
    }
  }

  /** Number of idle connections held. */
  int idleCount() {
    return idle.values().stream().mapToInt(Deque::size).sum();
  }

  void closeAll() {
    idle.values().forEach(q -> q.forEach(i -> i.channel().close()));
    idle.clear();
  }
}
