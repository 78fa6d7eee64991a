package rightsize.config;

/**
 * The {@code rightsize.client} section: the streaming client of the load generator (docs/client.md).
 *
 * @param ioThreads how many I/O event-loop threads read the responses, or null for {@code auto}
 *     (one per two cores the JVM may use, at least one, at most four: docs/benchmarks.md)
 */
public record ClientSettings(Integer ioThreads) {
  static final String AUTO = "auto";

  static ClientSettings read(Section s) {
    int mark = s.mark();
    Integer threads = null;
    if (!AUTO.equals(s.peek("io-threads"))) {
      threads = s.integer("io-threads", 1);
    }
    return s.failedSince(mark) ? null : new ClientSettings(threads);
  }
}
