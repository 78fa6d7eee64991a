package rightsize.population;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import rightsize.config.PopulationSettings;
import rightsize.config.RightsizeSettings;

/**
 * How many virtual users load a deployment and for how long: a warm-up, then ascending steps of
 * concurrent users ({@link ClosedPopulation}) or of arrival rates ({@link OpenPopulation}).
 */
public abstract sealed class Population permits ClosedPopulation, OpenPopulation {

  /** Concurrent-user steps, e.g. {@code Population.closed(1, 10, 50, 100)}. */
  public static ClosedPopulation closed(int... users) {
    return ClosedPopulation.of(users);
  }

  /** Arrival-rate steps in users per second with Poisson arrivals, e.g. {@code Population.open(0.5, 1, 2)}. */
  public static OpenPopulation open(double... usersPerSecond) {
    return OpenPopulation.of(usersPerSecond);
  }

  /**
   * The configured population ({@code rightsize.population}): {@code
   * Population.from(settings.population())}, the chosen model's steps, hold, think time and warm-up.
   */
  public static Population from(PopulationSettings settings) {
    return switch (settings.model()) {
      case CLOSED -> {
        PopulationSettings.Closed c = settings.closed();
        yield closed(c.users().stream().mapToInt(Integer::intValue).toArray())
            .hold(c.minHold(), c.maxHold())
            .thinkTime(c.thinkTime())
            .warmup(c.warmup())
            .ramp(c.ramp());
      }
      case OPEN -> {
        PopulationSettings.Open o = settings.open();
        yield open(o.rates().stream().mapToDouble(Double::doubleValue).toArray())
            .hold(o.minHold(), o.maxHold())
            .thinkTime(o.thinkTime())
            .warmup(o.warmup());
      }
    };
  }

  /**
   * The same population with this load generator injecting only {@code share} of every step (the
   * warm-up too); steps keep their totals, so labels and records name the load of all generators
   * together. A closed step whose share is no user still lasts its hold here, sending nothing, so
   * every generator moves through the steps at the same time.
   */
  public abstract Population share(Share share);

  /** The measured steps, in ascending load. */
  public abstract List<Step> steps();

  /** The warm-up step run before the measured ones, if any (at the first step's load). */
  public abstract Optional<Step> warmup();

  /** The pause between two requests of one user. */
  public abstract Duration thinkTime();

  /** How long {@code step} lasts from its first user's start to the end of its hold (the closed model's ramp included). */
  public Duration length(Step step) {
    return step.duration();
  }

  /** Injects {@code scenario}'s users for this load generator's share of {@code step}. */
  public abstract PopulationBuilder inject(ScenarioBuilder scenario, Step step);

  /**
   * What one user does during {@code step}, given one request of the workload: the closed model
   * sends requests until the step's time is up; the open model sends one whole conversation. For an
   * adaptive step, {@code mayEnd} says when the step has held long enough (its min-hold is over and
   * its verdict conclusive): closed users then stop sending, open users arriving then leave at once.
   */
  public abstract ChainBuilder behaviour(Step step, ChainBuilder request, BooleanSupplier mayEnd);

  /**
   * Describes the population on one line, e.g. "closed: 1, 10, 50, 100 users, 10 s each, think time
   * 1000 ms, warm-up 4 s", followed by this load generator's share of each step when it has one.
   */
  public abstract String describe();

  /** The reference.conf settings of both models, the defaults of the builders. */
  static PopulationSettings defaults() {
    return RightsizeSettings.reference().population();
  }

  static void requireAscending(double[] loads, String what) {
    String problem = PopulationSettings.stepsProblem(loads);
    if (problem != null) {
      throw new IllegalArgumentException(what + ": steps " + problem);
    }
  }

  static Duration positive(Duration d, String what) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be > 0, was " + d);
    }
    return d;
  }

  static Duration atLeast(Duration max, Duration min) {
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("max-hold must be >= min-hold (" + min + "), was " + max);
    }
    return max;
  }

  /** "8 s each" for a fixed hold, "4 to 40 s each (until the verdict is conclusive)" for an adaptive one. */
  static String describeHold(Duration min, Duration max) {
    return min.equals(max) ? seconds(max) + " s each"
        : seconds(min) + " to " + seconds(max) + " s each (until the verdict is conclusive)";
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0);
  }

  static Duration notNegative(Duration d, String what) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must be >= 0, was " + d);
    }
    return d;
  }
}
