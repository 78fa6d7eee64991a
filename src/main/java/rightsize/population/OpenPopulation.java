package rightsize.population;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitHereIf;
import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import rightsize.config.PopulationSettings;
import rightsize.record.LoadUnit;
import rightsize.workload.Workload;

/**
 * Open model: each step starts new users at a rate (users per second) with Poisson arrivals, each
 * user sending one conversation and leaving, whether or not earlier users got their answers: how
 * traffic from many independent clients behaves, and how overload shows as growing queues. With an
 * adaptive hold arrivals go on past the min-hold, at the same rate, until the step's verdict is
 * conclusive; users arriving after that leave without sending (Gatling cannot cut an injection
 * short, so the step still lasts its max-hold).
 */
public final class OpenPopulation extends Population {
  private final double[] rates;
  private final Duration minHold;
  private final Duration maxHold;
  private final Duration thinkTime;
  private final Duration warmup;
  private final Share share;

  private OpenPopulation(double[] rates, Duration minHold, Duration maxHold, Duration thinkTime, Duration warmup,
      Share share) {
    requireAscending(rates, "open population");
    this.rates = rates.clone();
    this.minHold = positive(minHold, "hold");
    this.maxHold = atLeast(maxHold, minHold);
    this.thinkTime = notNegative(thinkTime, "think-time");
    this.warmup = notNegative(warmup, "warmup");
    this.share = Objects.requireNonNull(share, "share");
  }

  /** {@code rates} steps with the hold, think time and warm-up of reference.conf. */
  static OpenPopulation of(double... rates) {
    PopulationSettings.Open d = defaults().open();
    return new OpenPopulation(rates, d.minHold(), d.maxHold(), d.thinkTime(), d.warmup(), Share.WHOLE);
  }

  /** How long each step keeps starting users: a fixed hold. */
  public OpenPopulation hold(Duration newHold) {
    return new OpenPopulation(rates, newHold, newHold, thinkTime, warmup, share);
  }

  /**
   * An adaptive hold: each step starts users for at least {@code min}, then until its SLO verdict
   * is conclusive, for at most {@code max}.
   */
  public OpenPopulation hold(Duration min, Duration max) {
    return new OpenPopulation(rates, min, max, thinkTime, warmup, share);
  }

  /** The pause between the turns of one user's conversation. */
  public OpenPopulation thinkTime(Duration newThinkTime) {
    return new OpenPopulation(rates, minHold, maxHold, newThinkTime, warmup, share);
  }

  /** How long the warm-up runs, at the first step's rate; zero for none. */
  public OpenPopulation warmup(Duration newWarmup) {
    return new OpenPopulation(rates, minHold, maxHold, thinkTime, newWarmup, share);
  }

  @Override
  public OpenPopulation share(Share newShare) {
    return new OpenPopulation(rates, minHold, maxHold, thinkTime, warmup, newShare);
  }

  @Override
  public List<Step> steps() {
    return Arrays.stream(rates).mapToObj(r -> Step.arrivals(r, minHold, maxHold)).toList();
  }

  @Override
  public Optional<Step> warmup() {
    return warmup.isZero() ? Optional.empty() : Optional.of(Step.warmup(rates[0], LoadUnit.ARRIVALS_PER_SECOND, warmup));
  }

  @Override
  public Duration thinkTime() {
    return thinkTime;
  }

  @Override
  public PopulationBuilder inject(ScenarioBuilder scenario, Step step) {
    return scenario.injectOpen(arrivals(step));
  }

  /**
   * Poisson arrivals at this load generator's share of the step's rate for the step's duration.
   * A schedule with no arrival still lasts the duration: Gatling delays the next step until then.
   */
  public OpenInjectionStep arrivals(Step step) {
    return constantUsersPerSec(share.rate(step.load())).during(step.duration()).randomized();
  }

  @Override
  public ChainBuilder behaviour(Step step, ChainBuilder request, BooleanSupplier mayEnd) {
    ChainBuilder nextTurn = thinkTime.isZero() ? request : pause(thinkTime).exec(request);
    ChainBuilder conversation = exec(request).asLongAs(Workload::conversationOngoing).on(nextTurn);
    // A user arriving once the step may end leaves at once: no more arrivals are needed to decide.
    return step.adaptive() ? exec(exitHereIf(session -> mayEnd.getAsBoolean())).exec(conversation) : conversation;
  }

  @Override
  public String describe() {
    return "open: "
        + Arrays.stream(rates).mapToObj(Double::toString).collect(Collectors.joining(", "))
        + " users/s (Poisson), " + describeHold(minHold, maxHold) + ", think time " + thinkTime.toMillis()
        + " ms between turns, warm-up " + warmup.toSeconds() + " s"
        + (share.whole() ? "" : "; " + share.describe() + " runs "
            + Arrays.stream(rates).mapToObj(r -> rounded(share.rate(r))).collect(Collectors.joining(", ")) + " users/s of them");
  }

  /** A rate to three significant digits, without trailing zeros: 2.5, 0.333, 2. */
  private static String rounded(double rate) {
    return new BigDecimal(rate).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
