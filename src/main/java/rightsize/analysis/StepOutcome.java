package rightsize.analysis;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What became of one planned load step in a capacity search. */
public enum StepOutcome {
  /** Ran and met the SLO. */
  MET,
  /** Ran and clearly broke the SLO; the deployment's later steps were skipped. */
  BROKEN,
  /** Ran and broke the SLO with too few requests to be sure; the sweep went on. */
  INCONCLUSIVE,
  /** Not run, because an earlier step of the deployment broke the SLO. */
  SKIPPED,
  /** Not run, because the run ended first. */
  NOT_RUN;

  /** The name in capacity.json: "met", "broken", "inconclusive", "skipped", "not_run". */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome written as {@code wireName}, if there is one. */
  public static Optional<StepOutcome> of(String wireName) {
    return Arrays.stream(values()).filter(o -> o.wireName().equals(wireName)).findFirst();
  }

  @JsonCreator
  static StepOutcome ofWireName(String wireName) {
    return of(wireName).orElseThrow(() -> new IllegalArgumentException("unknown step outcome \"" + wireName + "\""));
  }
}
