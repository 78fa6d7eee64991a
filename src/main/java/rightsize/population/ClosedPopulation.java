package rightsize.population;

import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import rightsize.config.PopulationSettings;
import rightsize.record.LoadUnit;

/**
 * Closed model: each step starts its number of users at once and each user sends requests one
 * after another (with think time between) until the step's hold time is up, so exactly that many
 * users are active during the step (over all load generators, when several share the test). Users
 * that wait for answers are how chat traffic behaves. With an adaptive hold the step goes on past
 * its min-hold, with the same users, until its verdict is conclusive or the max-hold is up.
 */
public final class ClosedPopulation extends Population {
  // How often a user with no share of an adaptive step looks whether the step may end.
  private static final Duration IDLE_POLL = Duration.ofMillis(200);
  private final int[] users;
  private final Duration minHold;
  private final Duration maxHold;
  private final Duration thinkTime;
  private final Duration warmup;
  private final Share share;

  private ClosedPopulation(int[] users, Duration minHold, Duration maxHold, Duration thinkTime, Duration warmup,
      Share share) {
    requireAscending(Arrays.stream(users).asDoubleStream().toArray(), "closed population");
    this.users = users.clone();
    this.minHold = positive(minHold, "hold");
    this.maxHold = atLeast(maxHold, minHold);
    this.thinkTime = notNegative(thinkTime, "think-time");
    this.warmup = notNegative(warmup, "warmup");
    this.share = Objects.requireNonNull(share, "share");
  }

  /** {@code users} steps with the hold, think time and warm-up of reference.conf. */
  static ClosedPopulation of(int... users) {
    PopulationSettings.Closed d = defaults().closed();
    return new ClosedPopulation(users, d.minHold(), d.maxHold(), d.thinkTime(), d.warmup(), Share.WHOLE);
  }

  /** How long each step runs: a fixed hold. */
  public ClosedPopulation hold(Duration newHold) {
    return new ClosedPopulation(users, newHold, newHold, thinkTime, warmup, share);
  }

  /**
   * An adaptive hold: each step runs at least {@code min}, then goes on until its SLO verdict is
   * conclusive, for at most {@code max}.
   */
  public ClosedPopulation hold(Duration min, Duration max) {
    return new ClosedPopulation(users, min, max, thinkTime, warmup, share);
  }

  /** The pause between a user's answer and its next request. */
  public ClosedPopulation thinkTime(Duration newThinkTime) {
    return new ClosedPopulation(users, minHold, maxHold, newThinkTime, warmup, share);
  }

  /** How long the warm-up runs, at the first step's users; zero for none. */
  public ClosedPopulation warmup(Duration newWarmup) {
    return new ClosedPopulation(users, minHold, maxHold, thinkTime, newWarmup, share);
  }

  @Override
  public ClosedPopulation share(Share newShare) {
    return new ClosedPopulation(users, minHold, maxHold, thinkTime, warmup, newShare);
  }

  @Override
  public List<Step> steps() {
    return Arrays.stream(users).mapToObj(n -> Step.users(n, minHold, maxHold)).toList();
  }

  @Override
  public Optional<Step> warmup() {
    return warmup.isZero() ? Optional.empty() : Optional.of(Step.warmup(users[0], LoadUnit.USERS, warmup));
  }

  @Override
  public Duration thinkTime() {
    return thinkTime;
  }

  @Override
  public PopulationBuilder inject(ScenarioBuilder scenario, Step step) {
    // A step with no user here still needs one user to last its hold: a scenario without users
    // ends at once, and this generator would run ahead of the others into the next step.
    return scenario.injectOpen(atOnceUsers(idle(step) ? 1 : share.users(step.users())));
  }

  @Override
  public ChainBuilder behaviour(Step step, ChainBuilder request, BooleanSupplier mayEnd) {
    ChainBuilder loop = idle(step) ? exec(pause(IDLE_POLL)) : thinkTime.isZero() ? request : request.pause(thinkTime);
    if (!step.adaptive()) {
      // exitASAP: no request starts after the hold time, so steps do not overlap.
      return idle(step) ? exec(pause(step.duration())) : exec(during(step.duration(), true).on(loop));
    }
    // The same users keep sending until the step may end (min-hold over, verdict conclusive) or the
    // max-hold is up; requests in flight then finish, none starts.
    return exec(asLongAsDuring(session -> !mayEnd.getAsBoolean(), step.duration(), true).on(loop));
  }

  @Override
  public String describe() {
    return "closed: "
        + Arrays.stream(users).mapToObj(Integer::toString).collect(Collectors.joining(", "))
        + " users, " + describeHold(minHold, maxHold) + ", think time " + thinkTime.toMillis() + " ms, warm-up "
        + warmup.toSeconds() + " s"
        + (share.whole() ? "" : "; " + share.describe() + " runs "
            + Arrays.stream(users).mapToObj(n -> Integer.toString(share.users(n))).collect(Collectors.joining(", ")) + " of them");
  }

  /** True when this load generator's share of {@code step} is no user. */
  private boolean idle(Step step) {
    return share.users(step.users()) == 0;
  }
}
