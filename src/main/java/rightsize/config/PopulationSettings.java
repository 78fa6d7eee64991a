package rightsize.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code rightsize.population} section: how many users load each deployment, step by step
 * (docs/populations.md). Both models' blocks are read and checked, whichever model is chosen.
 *
 * @param model which model runs
 * @param closed concurrent users per step
 * @param open arrivals per second per step
 */
public record PopulationSettings(Model model, Closed closed, Open open) {

  /** The population models, by config name. */
  public enum Model implements ConfigNamed {
    /** Concurrent users that wait for answers. */
    CLOSED("closed"),
    /** An arrival rate of new users (Poisson). */
    OPEN("open");

    private final String configName;

    Model(String configName) {
      this.configName = configName;
    }

    /** The name used in config, e.g. "closed". */
    @Override
    public String configName() {
      return configName;
    }
  }

  /**
   * The {@code closed} block.
   *
   * @param users concurrent users per step, ascending
   * @param minHold the shortest a step runs
   * @param maxHold the longest a step runs: it ends between the two once its SLO verdict is
   *     conclusive; equal to {@code minHold} for a fixed hold
   * @param thinkTime the pause between an answer and the user's next request
   * @param warmup how long the warm-up runs at the first step's users, its ramp included; zero for none
   * @param ramp over how long each step starts its users, evenly spread; zero starts them at once
   */
  public record Closed(List<Integer> users, Duration minHold, Duration maxHold, Duration thinkTime, Duration warmup,
      Duration ramp) {
    public Closed {
      users = List.copyOf(users);
    }
  }

  /**
   * The {@code open} block.
   *
   * @param rates new users (conversations) per second per step, ascending
   * @param minHold the shortest a step keeps starting users
   * @param maxHold the longest: it stops starting users between the two once its SLO verdict is
   *     conclusive; equal to {@code minHold} for a fixed hold
   * @param thinkTime the pause between the turns of one conversation
   * @param warmup how long the warm-up runs at the first step's rate; zero for none
   */
  public record Open(List<Double> rates, Duration minHold, Duration maxHold, Duration thinkTime, Duration warmup) {
    public Open {
      rates = List.copyOf(rates);
    }
  }

  /**
   * What is wrong with {@code loads} as population steps, or null when nothing is: steps must be
   * given, each > 0 and strictly ascending.
   */
  public static String stepsProblem(double[] loads) {
    if (loads.length == 0) {
      return "need at least one step";
    }
    for (int i = 0; i < loads.length; i++) {
      if (!(loads[i] > 0)) {
        return "must each be > 0, found " + loads[i];
      }
      if (i > 0 && loads[i] <= loads[i - 1]) {
        return "must be strictly ascending (the capacity search stops a size at the first step that breaks"
            + " the SLO), found " + loads[i - 1] + " then " + loads[i];
      }
    }
    return null;
  }

  static PopulationSettings read(Section s) {
    int mark = s.mark();
    Model model = s.choice("model", "a population model", Model.class);
    Closed closed = closed(s.child("closed"));
    Open open = open(s.child("open"));
    if (s.failedSince(mark)) {
      return null;
    }
    return new PopulationSettings(model, closed, open);
  }

  private static Closed closed(Section s) {
    int mark = s.mark();
    List<Double> steps = steps(s);
    if (steps != null) {
      for (double n : steps) {
        if (n != Math.rint(n)) {
          s.problem("steps", "must be whole numbers of users, found " + n, "set whole numbers of concurrent users " + s.where("steps"));
          break;
        }
      }
    }
    Duration[] hold = hold(s);
    Duration thinkTime = s.duration("think-time", true);
    Duration warmup = s.duration("warmup", true);
    Duration ramp = s.duration("ramp", true);
    if (s.failedSince(mark)) {
      return null;
    }
    return new Closed(steps.stream().map(Double::intValue).toList(), hold[0], hold[1], thinkTime, warmup, ramp);
  }

  private static Open open(Section s) {
    int mark = s.mark();
    List<Double> steps = steps(s);
    Duration[] hold = hold(s);
    Duration thinkTime = s.duration("think-time", true);
    Duration warmup = s.duration("warmup", true);
    return s.failedSince(mark) ? null : new Open(steps, hold[0], hold[1], thinkTime, warmup);
  }

  /**
   * {min, max}: {@code hold}, when set, is a fixed hold (both); otherwise {@code min-hold} and
   * {@code max-hold}, the max at least the min. Null entries when a value is wrong (reported).
   */
  private static Duration[] hold(Section s) {
    if (s.has("hold")) {
      Duration fixed = s.duration("hold", false);
      return new Duration[] {fixed, fixed};
    }
    Duration min = s.duration("min-hold", false);
    Duration max = s.duration("max-hold", false);
    if (min != null && max != null && max.compareTo(min) < 0) {
      s.problem("max-hold", "is shorter than min-hold (" + min.toMillis() + " ms)",
          "set max-hold >= min-hold, or one fixed hold, " + s.where("max-hold"));
    }
    return new Duration[] {min, max};
  }

  private static List<Double> steps(Section s) {
    List<Double> steps = s.numbers("steps");
    if (steps == null) {
      return null;
    }
    String problem = stepsProblem(steps.stream().mapToDouble(Double::doubleValue).toArray());
    if (problem != null) {
      s.problem("steps", problem, "list ascending loads > 0, e.g. [1, 10, 50], " + s.where("steps"));
      return null;
    }
    return steps;
  }
}
