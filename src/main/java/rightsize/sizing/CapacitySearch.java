package rightsize.sizing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import rightsize.analysis.DeploymentCapacity;
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
 * each step is judged when the next one begins, and once a step clearly breaks the SLO the
 * deployment's later steps are skipped. Thread-safe: virtual users call {@link #begin} concurrently.
 *
 * <p>A step clearly breaks the SLO when it fails it with at least {@code minRequests} requests; a
 * failing step with fewer requests is inconclusive and the sweep goes on.
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
  private final long minRequests;
  private final Consumer<String> console;
  private final StepAggregator aggregator = new StepAggregator();

  private final Map<String, Map<String, StepResult>> results = new HashMap<>();
  private final Map<String, Boolean> decisions = new HashMap<>();
  private final List<Running> running = new ArrayList<>();
  private List<DeploymentCapacity> finished;

  /**
   * @param plan the deployments and their steps, in run order
   * @param stopOnBreak whether a clearly broken step skips the deployment's later steps
   * @param minRequests how many requests a failing step needs to count as clearly broken
   * @param console where progress lines go
   */
  public CapacitySearch(
      List<Target> plan, Slo slo, boolean stopOnBreak, long minRequests, Consumer<String> console) {
    this.plan = List.copyOf(plan);
    this.slo = slo;
    this.stopOnBreak = stopOnBreak;
    this.minRequests = minRequests;
    this.console = console;
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
          String.format(Locale.ROOT, "%s · %s: running for %d s (step %d of %d)",
              deployment, step.label(), step.duration().toSeconds(), index, target.steps().size()));
      running.add(new Running(target, step));
      run = true;
    }
    decisions.put(key, run);
    return run;
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
    StepSummary summary =
        aggregator.stats(new StepKey(target.deployment(), target.vmSize(), step.label(), step.load(), step.unit())).summary();
    SloVerdict verdict = SloVerdict.of(slo, summary);
    // A step without requests measured nothing, whatever min-requests says: a load generator whose
    // share of a step is no user sends none, and must not skip the steps it does have a share of.
    StepOutcome outcome = verdict.met()
        ? StepOutcome.MET
        : summary.requests() >= Math.max(1, minRequests) ? StepOutcome.BROKEN : StepOutcome.INCONCLUSIVE;
    Map<String, StepResult> byLabel = results.get(target.deployment());
    byLabel.put(step.label(), result(step, outcome, summary, verdict, null));
    console.accept(String.format(Locale.ROOT, "%s · %s: %s -> %s",
        target.deployment(), step.label(), figures(summary), switch (outcome) {
          case MET -> "SLO met";
          case BROKEN -> "SLO broken (" + verdict.describe() + ")";
          default -> summary.requests() == 0
              ? "no requests from this load generator: inconclusive, going on"
              : "SLO broken with only " + summary.requests() + " requests (fewer than "
                  + minRequests + "): inconclusive, going on (" + verdict.describe() + ")";
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
