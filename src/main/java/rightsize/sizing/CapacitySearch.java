package rightsize.sizing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import rightsize.analysis.ConfidenceIntervals;
import rightsize.analysis.DeploymentCapacity;
import rightsize.analysis.Interval;
import rightsize.analysis.SloVerdict;
import rightsize.analysis.StepAggregator;
import rightsize.analysis.StepKey;
import rightsize.analysis.StepOutcome;
import rightsize.analysis.StepResult;
import rightsize.analysis.StepSummary;
import rightsize.config.Slo;
import rightsize.population.Step;
import rightsize.record.RequestRecord;

/**
 * Finds, per deployment, the largest population step that meets the SLO while the run is live:
 * each step is judged when the next one begins, and once a step breaks the SLO the deployment's
 * later steps are skipped. Thread-safe: virtual users call {@link #begin} and {@link #mayEnd}
 * concurrently.
 *
 * <p>Verdicts are {@link SloVerdict}'s three: met and broken with 95% confidence, or inconclusive
 * (the sweep goes on, and the step counts as no capacity). An adaptive step may end once its min-hold
 * is over and its live verdict is conclusive, so time goes to steps close to the limit.
 */
public final class CapacitySearch {

  /** One deployment to sweep and its measured steps, in run order. */
  public record Target(String deployment, String vmSize, List<Step> steps) {
    public Target {
      steps = List.copyOf(steps);
    }
  }

  private record Running(Target target, Step step) {}

  private final List<Target> plan;
  private final Slo slo;
  private final boolean stopOnBreak;
  private final Consumer<String> console;
  private final LongSupplier nanoClock;
  private final long requestsToShowMet;
  private final StepAggregator aggregator = new StepAggregator();

  private final Map<String, Map<String, StepResult>> results = new HashMap<>();
  private final Map<String, Boolean> decisions = new HashMap<>();
  private final List<Running> running = new ArrayList<>();
  private final Map<String, Live> live = new ConcurrentHashMap<>();
  private List<DeploymentCapacity> finished;

  /** A running adaptive step: when it began, and whether it may end, as last computed. */
  private static final class Live {
    final long startNanos;
    volatile long checkedNanos;
    volatile boolean ending;

    Live(long startNanos) {
      this.startNanos = startNanos;
      this.checkedNanos = startNanos - RECHECK_NANOS;
    }
  }

  // The live verdict is computed again at most this often: every user asks before each request.
  private static final long RECHECK_NANOS = 250_000_000L;

  /**
   * @param plan the deployments and their steps, in run order
   * @param stopOnBreak whether a broken step skips the deployment's later steps
   * @param console where progress lines go
   */
  public CapacitySearch(List<Target> plan, Slo slo, boolean stopOnBreak, Consumer<String> console) {
    this(plan, slo, stopOnBreak, console, System::nanoTime);
  }

  /** As above, timing adaptive steps with {@code nanoClock} (tests give a scripted one). */
  CapacitySearch(List<Target> plan, Slo slo, boolean stopOnBreak, Consumer<String> console, LongSupplier nanoClock) {
    this.plan = List.copyOf(plan);
    this.slo = slo;
    this.stopOnBreak = stopOnBreak;
    this.console = console;
    this.nanoClock = nanoClock;
    this.requestsToShowMet = requestsToShowMet(slo);
    for (Target t : plan) {
      if (results.put(t.deployment(), new LinkedHashMap<>()) != null) {
        throw new IllegalArgumentException("deployment " + t.deployment() + " is planned twice");
      }
    }
  }

  /** Counts one finished request towards its step (warm-up requests are left out). */
  public void add(RequestRecord record) {
    aggregator.add(record);
  }

  /**
   * Called by every user entering {@code step} of {@code deployment}: the first call judges the
   * steps that ran before and announces this one; returns whether users should run the step
   * (false when it is skipped, so they leave at once).
   */
  public synchronized boolean begin(String deployment, Step step) {
    String key = deployment + "\u0000" + step.label();
    Boolean decided = decisions.get(key);
    if (decided != null) {
      return decided;
    }
    judgeRunning();
    Target target = target(deployment);
    boolean run;
    if (step.warmup()) {
      console.accept(
          String.format(Locale.ROOT, "%s · warmup: %d s at the first step's load (left out of the results)",
              deployment, step.duration().toSeconds()));
      run = true;
    } else if (results.get(deployment).containsKey(step.label())) {
      run = false; // skipped when an earlier step broke the SLO; announced then
    } else {
      int index = target.steps().indexOf(step) + 1;
      console.accept(
          String.format(Locale.ROOT, "%s · %s: running for %s (step %d of %d)", deployment, step.label(),
              step.adaptive()
                  ? step.minDuration().toSeconds() + " to " + step.duration().toSeconds() + " s, until its verdict is conclusive"
                  : step.duration().toSeconds() + " s",
              index, target.steps().size()));
      running.add(new Running(target, step));
      live.put(key, new Live(nanoClock.getAsLong()));
      run = true;
    }
    decisions.put(key, run);
    return run;
  }

  /**
   * Whether the adaptive {@code step} of {@code deployment} has held long enough: its min-hold is
   * over and its live verdict is met or broken, or it cannot be decided by its max-hold (at its
   * pace it will not have the requests that showing the SLO met takes, and no figure is beyond its
   * limit yet: holding on would only cost time). Once true it stays true, so that every user of the
   * step leaves; false for a step that has not begun.
   */
  public boolean mayEnd(String deployment, Step step) {
    String key = deployment + "\u0000" + step.label();
    Live l = live.get(key);
    if (l == null) {
      return false;
    }
    if (l.ending) {
      return true;
    }
    long now = nanoClock.getAsLong();
    if (now - l.startNanos < step.minDuration().toNanos() || now - l.checkedNanos < RECHECK_NANOS) {
      return false;
    }
    synchronized (l) {
      if (!l.ending) {
        l.checkedNanos = now;
        StepSummary summary = aggregator.stats(stepKey(target(deployment), step)).summary();
        SloVerdict verdict = SloVerdict.of(slo, summary);
        long held = now - l.startNanos;
        // The pace so far, over the step's first answers: early on it lags (the first wave of answers
        // is still in flight), hence judged only once the step has as many answers as users, and
        // with a margin of two.
        double projected = summary.requests() * (double) step.duration().toNanos() / held;
        boolean paced = summary.requests() >= Math.max(1, step.load());
        boolean fine = verdict.checks().stream().noneMatch(c -> c.measured() != null && c.measured() > c.limit());
        if (!verdict.inconclusive()) {
          l.ending = true;
          console.accept(String.format(Locale.ROOT, "%s · %s: conclusive after %d s (%s): ending the step",
              deployment, step.label(), held / 1_000_000_000L, verdict.met() ? "met" : "broken"));
        } else if (paced && fine && 2 * projected < requestsToShowMet) {
          l.ending = true;
          console.accept(String.format(Locale.ROOT, "%s · %s: cannot be decided within %d s (about %.0f requests by"
              + " then, %d needed to show the SLO met): ending the step, inconclusive", deployment, step.label(),
              step.duration().toSeconds(), projected, requestsToShowMet));
        }
      }
      return l.ending;
    }
  }

  /**
   * The fewest requests, all successful, that can show {@code slo} met: enough for a p95's upper
   * bound (72 or so) and for the error rate's upper bound to fall within its limit (368 for 1%).
   */
  static long requestsToShowMet(Slo slo) {
    long p95 = 1;
    while (ConfidenceIntervals.quantileRanks(p95, 0.95)[1] > p95) {
      p95++;
    }
    double limit = slo.maxErrorRate();
    if (limit <= 0) {
      return Long.MAX_VALUE; // no count of requests shows a share of 0
    }
    // No failure in n: the upper bound is 1 - 0.025^(1/n); start there and step over rounding.
    long errors = limit >= 1 ? 1 : (long) Math.floor(Math.log((1 - Interval.LEVEL) / 2) / Math.log1p(-limit));
    while (!ConfidenceIntervals.share(0, Math.max(1, errors)).within(limit)) {
      errors++;
    }
    return Math.max(p95, errors);
  }

  /** Judges the last steps, announces each deployment's capacity, and returns every result. Idempotent. */
  public synchronized List<DeploymentCapacity> finish() {
    if (finished != null) {
      return finished;
    }
    judgeRunning();
    List<DeploymentCapacity> out = new ArrayList<>();
    for (Target t : plan) {
      Map<String, StepResult> byLabel = results.get(t.deployment());
      List<StepResult> steps = new ArrayList<>();
      for (Step s : t.steps()) {
        steps.add(byLabel.getOrDefault(s.label(), result(s, StepOutcome.NOT_RUN, null, null, "the run ended first")));
      }
      DeploymentCapacity result = new DeploymentCapacity(t.deployment(), t.vmSize(), steps);
      out.add(result);
      console.accept(t.deployment() + ": " + describeCapacity(result));
    }
    finished = List.copyOf(out);
    return finished;
  }

  /** One line such as "capacity 10 users (largest step meeting the SLO); broke it at 50 users". */
  static String describeCapacity(DeploymentCapacity result) {
    String capacity = result.capacity()
        .map(s -> "capacity " + s.step() + " (largest step meeting the SLO)")
        .orElse("no step met the SLO");
    String broke = result.steps().stream()
        .filter(s -> s.outcome() == StepOutcome.BROKEN)
        .findFirst()
        .map(s -> "; broke it at " + s.step() + " (" + s.verdict().describe() + ")")
        .orElse("");
    long skipped = result.steps().stream().filter(s -> s.outcome() == StepOutcome.SKIPPED).count();
    return capacity + broke + (skipped > 0 ? "; " + skipped + " step(s) skipped" : "");
  }

  private void judgeRunning() {
    for (Running r : running) {
      judge(r.target(), r.step());
    }
    running.clear();
  }

  private void judge(Target target, Step step) {
    StepSummary summary = aggregator.stats(stepKey(target, step)).summary();
    SloVerdict verdict = SloVerdict.of(slo, summary);
    // A step without requests is inconclusive: a load generator whose share of a step is no user
    // sends none, and must not skip the steps it does have a share of.
    StepOutcome outcome = switch (verdict.outcome()) {
      case MET -> StepOutcome.MET;
      case BROKEN -> StepOutcome.BROKEN;
      case INCONCLUSIVE -> StepOutcome.INCONCLUSIVE;
    };
    Map<String, StepResult> byLabel = results.get(target.deployment());
    byLabel.put(step.label(), result(step, outcome, summary, verdict, null));
    console.accept(String.format(Locale.ROOT, "%s · %s: %s -> %s",
        target.deployment(), step.label(), figures(summary), switch (outcome) {
          case MET -> "SLO met (" + verdict.decisive().orElseThrow().describeWithInterval() + ")";
          case BROKEN -> "SLO broken (" + verdict.breaches().stream().map(SloVerdict.Check::describeWithInterval)
              .collect(Collectors.joining("; ")) + ")";
          default -> summary.requests() == 0
              ? "no requests from this load generator: inconclusive, going on"
              : "SLO " + verdict.describe() + "; going on";
        }));
    if (outcome == StepOutcome.BROKEN && stopOnBreak) {
      List<Step> later = target.steps().subList(target.steps().indexOf(step) + 1, target.steps().size());
      for (Step s : later) {
        byLabel.put(s.label(), result(s, StepOutcome.SKIPPED, null, null, "SLO broken at " + step.label()));
      }
      if (!later.isEmpty()) {
        console.accept(String.format(Locale.ROOT, "%s: skipping %s (SLO broken at %s)", target.deployment(),
            later.stream().map(Step::label).collect(Collectors.joining(", ")), step.label()));
      }
    }
  }

  private static StepKey stepKey(Target target, Step step) {
    return new StepKey(target.deployment(), target.vmSize(), step.label(), step.load(), step.unit());
  }

  private static StepResult result(Step step, StepOutcome outcome, StepSummary summary, SloVerdict verdict, String reason) {
    return new StepResult(step.label(), step.load(), step.unit(), outcome, summary, verdict, reason);
  }

  private Target target(String deployment) {
    return plan.stream()
        .filter(t -> t.deployment().equals(deployment))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("deployment " + deployment + " is not planned"));
  }

  private static String figures(StepSummary s) {
    return String.format(Locale.ROOT, "%d requests, p95 ttft %s, p95 e2e %s, errors %.1f%%",
        s.requests(), ms(s.ttft().p95()), ms(s.e2e().p95()), s.errorRate() * 100);
  }

  private static String ms(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.0f ms", value);
  }
}
