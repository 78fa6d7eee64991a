package rightsize.population;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
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
import java.util.stream.Collectors;
import rightsize.config.PopulationSettings;
import rightsize.record.LoadUnit;
import rightsize.workload.Workload;

/**
 * Open model: each step starts new users at a rate (users per second) with Poisson arrivals, each
 * user sending one conversation and leaving, whether or not earlier users got their answers: how
 * traffic from many independent clients behaves, and how overload shows as growing queues.
 */
public final class OpenPopulation extends Population {
  private final double[] rates;
  private final Duration hold;
  private final Duration thinkTime;
  private final Duration warmup;
  private final Share share;

  private OpenPopulation(double[] rates, Duration hold, Duration thinkTime, Duration warmup, Share share) {
    requireAscending(rates, "open population");
    this.rates = rates.clone();
    this.hold = positive(hold, "hold");
    this.thinkTime = notNegative(thinkTime, "think-time");
    this.warmup = notNegative(warmup, "warmup");
    this.share = Objects.requireNonNull(share, "share");
  }

  /** {@code rates} steps with the hold, think time and warm-up of reference.conf. */
  static OpenPopulation of(double... rates) {
    PopulationSettings.Open d = defaults().open();
    return new OpenPopulation(rates, d.hold(), d.thinkTime(), d.warmup(), Share.WHOLE);
  }

  /** How long each step keeps starting users. */
  public OpenPopulation hold(Duration newHold) {
    return new OpenPopulation(rates, newHold, thinkTime, warmup, share);
  }

  /** The pause between the turns of one user's conversation. */
  public OpenPopulation thinkTime(Duration newThinkTime) {
    return new OpenPopulation(rates, hold, newThinkTime, warmup, share);
  }

  /** How long the warm-up runs, at the first step's rate; zero for none. */
  public OpenPopulation warmup(Duration newWarmup) {
    return new OpenPopulation(rates, hold, thinkTime, newWarmup, share);
  }

  @Override
  public OpenPopulation share(Share newShare) {
    return new OpenPopulation(rates, hold, thinkTime, warmup, newShare);
  }

  @Override
  public List<Step> steps() {
    return Arrays.stream(rates).mapToObj(r -> Step.arrivals(r, hold)).toList();
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
  public ChainBuilder behaviour(Step step, ChainBuilder request) {
    ChainBuilder nextTurn = thinkTime.isZero() ? request : pause(thinkTime).exec(request);
    return exec(request).asLongAs(Workload::conversationOngoing).on(nextTurn);
  }

  @Override
  public String describe() {
    return "open: "
        + Arrays.stream(rates).mapToObj(Double::toString).collect(Collectors.joining(", "))
        + " users/s (Poisson), " + hold.toSeconds() + " s each, think time " + thinkTime.toMillis()
        + " ms between turns, warm-up " + warmup.toSeconds() + " s"
        + (share.whole() ? "" : "; " + share.describe() + " runs "
            + Arrays.stream(rates).mapToObj(r -> rounded(share.rate(r))).collect(Collectors.joining(", ")) + " users/s of them");
  }

  /** A rate to three significant digits, without trailing zeros: 2.5, 0.333, 2. */
  private static String rounded(double rate) {
    return new BigDecimal(rate).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
