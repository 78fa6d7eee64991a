package rightsize.config;

import java.util.Locale;

/**
 * The production load the monthly cost and the recommendation are sized for ({@code
 * rightsize.target-load}): peak concurrent users, or, when {@code requestsPerDay} > 0, requests per
 * day.
 */
public record TargetLoad(double concurrentUsers, double requestsPerDay) {

  static TargetLoad read(Section s) {
    int mark = s.mark();
    Double users = s.nonNegative("concurrent-users");
    Double perDay = s.nonNegative("requests-per-day");
    return s.failedSince(mark) ? null : new TargetLoad(users, perDay);
  }

  /** True when sized by requests per day rather than concurrent users. */
  public boolean byRequestsPerDay() {
    return requestsPerDay > 0;
  }

  /** The target in its own unit. */
  public double value() {
    return byRequestsPerDay() ? requestsPerDay : concurrentUsers;
  }

  /** "100 concurrent users" or "50,000 requests/day". */
  public String describe() {
    return byRequestsPerDay()
        ? String.format(Locale.ROOT, "%,.0f requests/day", requestsPerDay)
        : String.format(Locale.ROOT, "%s concurrent users", plain(concurrentUsers));
  }

  private static String plain(double value) {
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%,d", (long) value)
        : String.format(Locale.ROOT, "%,.2f", value);
  }
}
