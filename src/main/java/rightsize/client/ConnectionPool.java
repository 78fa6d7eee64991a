package rightsize.client;

import io.netty.channel.Channel;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/** Idle keep-alive connections per origin, most recently used first. */
final class ConnectionPool {
  private final Map<Origin, Deque<Channel>> idle = new ConcurrentHashMap<>();

  /** An idle open connection to {@code origin}, removed from the pool, or null. */
  Channel acquire(Origin origin) {
    Deque<Channel> q = idle.get(origin);
    if (q == null) {
      return null;
    }
    Channel ch;
    while ((ch = q.pollFirst()) != null) {
      if (ch.isActive()) {
        return ch;
      }
    }
    return null;
  }

  void release(Origin origin, Channel ch) {
    idle.computeIfAbsent(origin, o -> new ConcurrentLinkedDeque<>()).offerFirst(ch);
  }

  void remove(Origin origin, Channel ch) {
    Deque<Channel> q = idle.get(origin);
    if (q != null) {
      q.remove(ch);
    }
  }

  /** Number of idle connections held. */
  int idleCount() {
    return idle.values().stream().mapToInt(Deque::size).sum();
  }

  void closeAll() {
    idle.values().forEach(q -> q.forEach(Channel::close));
    idle.clear();
  }
}
