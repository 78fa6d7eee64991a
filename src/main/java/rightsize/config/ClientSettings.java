package rightsize.config;

/**
 * The {@code rightsize.client} section: the streaming client of the load generator (docs/client.md).
 *
 * @param ioThreads how many I/O event-loop threads read the responses, or null for {@code auto}
 *     (one per two cores the JVM may use, at least one, at most four: docs/benchmarks.md)
 * @param warmUpRequests how many whole streams the client reads from a loopback server of its own
 *     before the run, so that the JIT has compiled its per-request code (docs/client.md)
 */
public record ClientSettings(Integer ioThreads, int warmUpRequests) {
  static final String AUTO = "auto";

  static ClientSettings read(Section s) {
    int mark = s.mark();
    Integer threads = null;
    if (!AUTO.equals(s.peek("io-threads"))) {
      threads = s.integer("io-threads", 1);
    }
    Integer warmUp = s.integer("warm-up-requests", 0);
    return s.failedSince(mark) ? null : new ClientSettings(threads, warmUp);
  }
}
