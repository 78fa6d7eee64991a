package rightsize.population;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
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
import rightsize.gatling.GenAi;
import rightsize.record.LoadUnit;

/**
 * Closed model: each step starts its number of users spread evenly over its ramp, and each user
 * sends requests one after another (with think time between) until the step has held all of them
 * for its hold time, so exactly that many users are active during the measured part of the step
 * (over all load generators, when several share the test). Requests sent while the step was still
 * ramping up are tagged warm-up and left out of its figures. Users that wait for answers are how
 * chat traffic behaves. With an adaptive hold the step goes on past its min-hold, with the same
 * users, until its verdict is conclusive or the max-hold is up.
 */
public final class ClosedPopulation extends Population {
  private final int[] users;
  private final Duration minHold;
  private final Duration maxHold;
  private final Duration thinkTime;
  private final Duration warmup;
  private final Duration ramp;
  private final Share share;

  private ClosedPopulation(int[] users, Duration minHold, Duration maxHold, Duration thinkTime, Duration warmup,
      Duration ramp, Share share) {
    requireAscending(Arrays.stream(users).asDoubleStream().toArray(), "closed population");
    this.users = users.clone();
    this.minHold = positive(minHold, "hold");
    this.maxHold = atLeast(maxHold, minHold);
    this.thinkTime = notNegative(thinkTime, "think-time");
    this.warmup = notNegative(warmup, "warmup");
    this.ramp = notNegative(ramp, "ramp");
    this.share = Objects.requireNonNull(share, "share");
  }

  /** {@code users} steps with the hold, think time, warm-up and ramp of reference.conf. */
  static ClosedPopulation of(int... users) {
    PopulationSettings.Closed d = defaults().closed();
    return new ClosedPopulation(users, d.minHold(), d.maxHold(), d.thinkTime(), d.warmup(), d.ramp(), Share.WHOLE);
  }

  /** How long each step holds its users, from its last user's start: a fixed hold. */
  public ClosedPopulation hold(Duration newHold) {
    return new ClosedPopulation(users, newHold, newHold, thinkTime, warmup, ramp, share);
  }

  /**
   * An adaptive hold: each step holds its users at least {@code min} (from its last user's start),
   * then until its SLO verdict is conclusive, for at most {@code max}.
   */
  public ClosedPopulation hold(Duration min, Duration max) {
    return new ClosedPopulation(users, min, max, thinkTime, warmup, ramp, share);
  }

  /** The pause between a user's answer and its next request. */
  public ClosedPopulation thinkTime(Duration newThinkTime) {
    return new ClosedPopulation(users, minHold, maxHold, newThinkTime, warmup, ramp, share);
  }

  /** How long the warm-up runs, at the first step's users, its ramp included; zero for none. */
  public ClosedPopulation warmup(Duration newWarmup) {
    return new ClosedPopulation(users, minHold, maxHold, thinkTime, newWarmup, ramp, share);
  }

  /** Over how long each step starts its users (evenly spread); zero starts them all at once. */
  public ClosedPopulation ramp(Duration newRamp) {
    return new ClosedPopulation(users, minHold, maxHold, thinkTime, warmup, newRamp, share);
  }

  @Override
  public ClosedPopulation share(Share newShare) {
    return new ClosedPopulation(users, minHold, maxHold, thinkTime, warmup, ramp, newShare);
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
  public Duration length(Step step) {
    return step.warmup() ? step.duration() : ramp.plus(step.duration());
  }

  @Override
  public PopulationBuilder inject(ScenarioBuilder scenario, Step step) {
    // A step with no user here still needs one user to last its hold: a scenario without users
    // ends at once, and this generator would run ahead of the others into the next step.
    return scenario.injectOpen(starts(step));
  }

  /** When this load generator starts the users of {@code step}: evenly over the ramp, or at once without one. */
  OpenInjectionStep starts(Step step) {
    int n = idle(step) ? 1 : share.users(step.users());
    // Not all at once: n requests in one instant are a burst no real traffic makes, and the server
    // reading them (77 ms for 100, seconds for 2,000) would be inside every first second's figures.
    return n == 1 || ramp.isZero() ? atOnceUsers(n) : rampUsers(n).during(ramp);
  }

  @Override
  public ChainBuilder behaviour(Step step, ChainBuilder request, BooleanSupplier mayEnd) {
    if (idle(step)) {
      // An adaptive step's length is not known here: with several load generators they hold to the max.
      return exec(pause(length(step)));
    }
    StepClock clock = new StepClock(share.users(step.users()), ramp, step.minDuration(), step.duration(),
        step.warmup(), mayEnd);
    ChainBuilder loop = thinkTime.isZero() ? request : request.pause(thinkTime);
    // exitASAP: no request starts after the hold time, so steps do not overlap. A request sent
    // before the step's last user started is a warm-up request: the step had fewer users then.
    return exec(session -> {
      clock.userStarted();
      return session;
    }).exec(asLongAs(session -> clock.running(), true).on(
        exec(session -> session.set(GenAi.WARMUP, step.warmup() || clock.ramping())).exec(loop)));
  }

  @Override
  public String describe() {
    return "closed: "
        + Arrays.stream(users).mapToObj(Integer::toString).collect(Collectors.joining(", "))
        + " users, " + describeHold(minHold, maxHold) + ", think time " + thinkTime.toMillis() + " ms, warm-up "
        + warmup.toSeconds() + " s" + (ramp.isZero() ? "" : ", each step's users started over " + ramp.toMillis() / 1000.0 + " s")
        + (share.whole() ? "" : "; " + share.describe() + " runs "
            + Arrays.stream(users).mapToObj(n -> Integer.toString(share.users(n))).collect(Collectors.joining(", ")) + " of them");
  }

  /** True when this load generator's share of {@code step} is no user. */
  private boolean idle(Step step) {
    return share.users(step.users()) == 0;
  }
}
