package rightsize.population;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
   * The population configured under {@code population} of the rightsize block: {@code model =
   * closed | open} and that model's {@code steps}, {@code hold}, {@code think-time} and {@code
   * warmup}. Steps may be a list or a comma-separated string (handy with -D).
   */
  public static Population fromConfig(Config rightsize) {
    Config p = rightsize.getConfig("population");
    String model = p.getString("model");
    String prefix = "rightsize.population." + model + ".";
    try {
      return switch (model) {
        case "closed" -> {
          Config c = p.getConfig("closed");
          List<Double> steps = numbers(c, "steps", prefix);
          int[] users = new int[steps.size()];
          for (int i = 0; i < users.length; i++) {
            double n = steps.get(i);
            if (n != Math.rint(n)) {
              throw new IllegalArgumentException(
                  prefix + "steps must be whole numbers of users, found " + n);
            }
            users[i] = (int) n;
          }
          yield closed(users)
              .hold(c.getDuration("hold"))
              .thinkTime(c.getDuration("think-time"))
              .warmup(c.getDuration("warmup"));
        }
        case "open" -> {
          Config c = p.getConfig("open");
          yield open(numbers(c, "steps", prefix).stream().mapToDouble(Double::doubleValue).toArray())
              .hold(c.getDuration("hold"))
              .thinkTime(c.getDuration("think-time"))
              .warmup(c.getDuration("warmup"));
        }
        default -> throw new IllegalArgumentException(
            "rightsize.population.model must be closed or open, was \"" + model + "\"");
      };
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
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

  /** Injects {@code scenario}'s users for this load generator's share of {@code step}. */
  public abstract PopulationBuilder inject(ScenarioBuilder scenario, Step step);

  /**
   * What one user does during {@code step}, given one request of the workload: the closed model
   * sends requests until the step's time is up; the open model sends one whole conversation.
   */
  public abstract ChainBuilder behaviour(Step step, ChainBuilder request);

  /**
   * Describes the population on one line, e.g. "closed: 1, 10, 50, 100 users, 10 s each, think time
   * 1000 ms, warm-up 4 s", followed by this load generator's share of each step when it has one.
   */
  public abstract String describe();

  /** The reference.conf settings of {@code model}, the defaults of the builders. */
  static Config defaults(String model) {
    return ConfigFactory.defaultReference().getConfig("rightsize.population." + model);
  }

  static void requireAscending(double[] loads, String what) {
    if (loads.length == 0) {
      throw new IllegalArgumentException(what + ": at least one step is needed");
    }
    for (int i = 0; i < loads.length; i++) {
      if (!(loads[i] > 0)) {
        throw new IllegalArgumentException(what + ": every step must be > 0, found " + loads[i]);
      }
      if (i > 0 && loads[i] <= loads[i - 1]) {
        throw new IllegalArgumentException(
            what + ": steps must be strictly ascending (the capacity search stops a size at the"
                + " first step that breaks the SLO), found " + loads[i - 1] + " then " + loads[i]);
      }
    }
  }

  static Duration positive(Duration d, String what) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be > 0, was " + d);
    }
    return d;
  }

  static Duration notNegative(Duration d, String what) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must be >= 0, was " + d);
    }
    return d;
  }

  /** Reads a list of numbers, given as a HOCON list or as a comma-separated string ("1,10,50"). */
  private static List<Double> numbers(Config c, String path, String prefix) {
    List<Double> out = new ArrayList<>();
    if (c.getValue(path).valueType() == ConfigValueType.LIST) {
      for (Number n : c.getNumberList(path)) {
        out.add(n.doubleValue());
      }
      return out;
    }
    for (String part : c.getString(path).split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        out.add(Double.parseDouble(part.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            prefix + path + " must be numbers like [1, 10, 50] or \"1,10,50\", found \"" + part.trim() + "\"");
      }
    }
    return out;
  }
}
