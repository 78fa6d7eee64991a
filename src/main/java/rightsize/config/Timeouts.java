package rightsize.config;

import java.time.Duration;

/**
 * The three limits every request runs under; all are always on.
 *
 * @param connect opening the connection, TLS handshake included
 * @param firstToken from the request written to the first content-bearing event
 * @param total from the request written to the end of the response
 */
public record Timeouts(Duration connect, Duration firstToken, Duration total) {
  public Timeouts {
    requirePositive("connect", connect);
    requirePositive("firstToken", firstToken);
    requirePositive("total", total);
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("timeout " + name + " must be > 0, got " + d);
    }
  }
}
