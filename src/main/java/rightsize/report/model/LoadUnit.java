package rightsize.report.model;

import java.util.Locale;
import rightsize.analysis.StepKey;

/**
 * What a step's load counts: concurrent users (closed model) or user arrivals per second (open
 * model), told apart by the step label the simulation writes ("10 users" vs "2/s", "2 rps").
 */
public enum LoadUnit {
  USERS("users"),
  ARRIVALS_PER_SECOND("users/s");

  private final String label;

  LoadUnit(String label) {
    this.label = label;
  }

  /** The unit of {@code key}'s load, read from its step label. */
  public static LoadUnit of(StepKey key) {
    String step = key.step().toLowerCase(Locale.ROOT);
    return step.contains("/s") || step.contains("rps") || step.contains("per sec")
            || step.contains("rate")
        ? ARRIVALS_PER_SECOND
        : USERS;
  }

  /** "users" or "users/s". */
  public String label() {
    return label;
  }

  /** "1 user", "10 users" or "2.5 users/s". */
  public String describe(double load) {
    String n = load == Math.rint(load)
        ? Long.toString((long) load)
        : String.format(Locale.ROOT, "%.2f", load).replaceAll("0+$", "");
    return this == USERS && load == 1 ? "1 user" : n + " " + label;
  }
}
