package rightsize.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a step's load counts: concurrent users (closed model) or users started per second (open
 * model). The live side writes it into every record, so reports never guess it from a step label.
 */
public enum LoadUnit {
  /** Concurrent users, each sending its requests one after another: the closed model. */
  USERS("users"),
  /** Users started per second (Poisson arrivals), each sending one conversation: the open model. */
  ARRIVALS_PER_SECOND("users/s");

  private final String label;

  LoadUnit(String label) {
    this.label = label;
  }

  /** "users" or "users/s": the unit's name in record files ({@code load_unit}) and reports. */
  @JsonValue
  public String label() {
    return label;
  }

  /** Parses a name written by {@link #label()}. */
  @JsonCreator
  public static LoadUnit fromLabel(String label) {
    for (LoadUnit u : values()) {
      if (u.label.equals(label)) {
        return u;
      }
    }
    throw new IllegalArgumentException("unknown load unit '" + label + "': use users or users/s");
  }

  /** "1 user", "10 users" or "2.5 users/s". */
  public String describe(double load) {
    String n = load == Math.rint(load)
        ? Long.toString((long) load)
        : String.format(Locale.ROOT, "%.2f", load).replaceAll("0+$", "");
    return this == USERS && load == 1 ? "1 user" : n + " " + label;
  }
}
