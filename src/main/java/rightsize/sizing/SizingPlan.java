package rightsize.sizing;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static rightsize.gatling.GenAi.genai;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ProtocolBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import rightsize.analysis.CapacityFile;
import rightsize.analysis.DeploymentCapacity;
import rightsize.analysis.StepOutcome;
import rightsize.config.DeploymentSettings;
import rightsize.config.RightsizeSettings;
import rightsize.config.Slo;
import rightsize.gatling.GenAi;
import rightsize.monitor.LoadWindows;
import rightsize.monitor.ServerTelemetry;
import rightsize.population.Population;
import rightsize.population.Step;
import rightsize.record.RequestRecord;
import rightsize.report.ReportGenerator;
import rightsize.run.RightsizeRun;
import rightsize.secret.Secret;

/**
 * A {@link Sizing} ready to run: one Gatling scenario per deployment and step (warm-up first),
 * chained one after another, each request grouped and tagged with deployment, VM size and step;
 * the SLO assertions when enforced; and the live capacity search, closed by {@link #finish()}.
 */
public final class SizingPlan {
  /** Prefix of the suite's progress lines on the console. */
  static final String CONSOLE_PREFIX = "rightsize | ";
  /** {@link RightsizeSettings#STATUS_FILE} after a run whose load ended: no enforced SLO was broken. */
  public static final String STATUS_COMPLETED = "completed";
  /** {@link RightsizeSettings#STATUS_FILE} after a run whose load ended with an enforced SLO broken (Gatling exits 2). */
  public static final String STATUS_SLO_BROKEN = "slo-broken";

  private final Sizing sizing;
  // The configured population with this load generator's share applied; its steps keep the totals.
  private final Population population;
  private final RightsizeRun run;
  private final CapacitySearch search;
  private final LoadWindows windows = new LoadWindows();
  private final Consumer<String> console;
  private final PopulationBuilder chain;

  SizingPlan(Sizing sizing) {
    this.sizing = sizing;
    this.population = sizing.population.share(sizing.share);
    this.run = RightsizeRun.current();
    // Scrubbed: a progress line can quote what a server or the Azure SDK said.
    this.console = line -> System.out.println(CONSOLE_PREFIX + Secret.redact(line));
    List<CapacitySearch.Target> targets = new ArrayList<>();
    for (DeploymentSettings d : sizing.deployments) {
      targets.add(new CapacitySearch.Target(d.name(), d.vmSize(), population.steps()));
    }
    this.search = new CapacitySearch(targets, sizing.slo, sizing.capacitySearch, console);
    this.chain = buildChain();
    run.onRecord(search::add);
    run.onRecord(windows::add);
    console.accept(describe());
  }

  /** Every step of every deployment, one after another: pass to {@code setUp(...)}. */
  public PopulationBuilder populations() {
    return chain;
  }

  /**
   * When the SLO is enforced, per deployment and step: p95 of {@code <request> · ttft} and of
   * {@code <request>} (e2e) and the share of failed requests within the SLO; otherwise none.
   * Gatling's percentiles include failed requests' times, the suite's own verdict does not.
   */
  public List<Assertion> sloAssertions() {
    if (!sizing.enforceSlo) {
      return List.of();
    }
    Slo slo = sizing.slo;
    List<Assertion> assertions = new ArrayList<>();
    String request = sizing.workload.requestName();
    for (DeploymentSettings d : sizing.deployments) {
      for (Step step : population.steps()) {
        String group = groupName(d, step);
        assertions.add(details(group, request + RequestRecord.TTFT_ROW_SUFFIX).responseTime().percentile(95.0)
            .lte((int) Math.floor(slo.p95TtftMs())));
        assertions.add(details(group, request).responseTime().percentile(95.0)
            .lte((int) Math.floor(slo.p95E2eMs())));
        assertions.add(details(group, request).failedRequests().percent()
            .lte(slo.maxErrorRate() * 100));
      }
    }
    return assertions;
  }

  /** The live capacity search (its results after {@link #finish()}). */
  public CapacitySearch capacitySearch() {
    return search;
  }

  /**
   * Ends the run: judges the last steps, prints each deployment's capacity, writes capacity.json
   * to the run folder, closes the run's records, reads the deployments' server-side metrics into
   * telemetry.json (waiting for Azure Monitor to publish them, docs/monitoring.md) and writes the
   * trade-off report. Call from the simulation's {@code after()}. Idempotent.
   */
  public synchronized void finish() {
    if (run.isClosed()) {
      return;
    }
    List<DeploymentCapacity> results = search.finish();
    Path file = run.folder().resolve(CapacityFile.NAME);
    CapacityFile.write(file, sizing.slo, sizing.enforceSlo, sizing.capacitySearch, results);
    run.close();
    boolean broken = results.stream().flatMap(c -> c.steps().stream()).anyMatch(s -> s.outcome() == StepOutcome.BROKEN);
    RightsizeSettings.writeStatus(run.settings().run().resultsDir(),
        (broken && sizing.enforceSlo ? STATUS_SLO_BROKEN : STATUS_COMPLETED) + " " + run.id());
    console.accept("run " + run.id() + ": records and capacity in " + run.folder());
    ServerTelemetry.afterRun(run.folder(), sizing.deployments, windows, run.settings().monitor(), console);
    // The report now, and again at JVM exit once Gatling has written its HTML report.
    ReportGenerator.atEndOfRun(run.folder(), run.settings());
  }

  /** The name of a step's Gatling group: "Standard_F4s_v2 · 10 users", with the VM size when the name differs. */
  public static String groupName(DeploymentSettings d, Step step) {
    return deploymentLabel(d) + " · " + step.label();
  }

  private static String deploymentLabel(DeploymentSettings d) {
    String size = d.vmSize();
    return size == null || size.isBlank() || size.equals(d.name()) ? d.name() : d.name() + " (" + size + ")";
  }

  private PopulationBuilder buildChain() {
    List<PopulationBuilder> inOrder = new ArrayList<>();
    for (DeploymentSettings d : sizing.deployments) {
      ProtocolBuilder protocol = genai.deployment(d);
      List<Step> steps = new ArrayList<>();
      population.warmup().ifPresent(steps::add);
      steps.addAll(population.steps());
      for (Step step : steps) {
        inOrder.add(population.inject(stepScenario(d, step), step).protocols(protocol));
      }
    }
    PopulationBuilder chain = inOrder.get(inOrder.size() - 1);
    for (int i = inOrder.size() - 2; i >= 0; i--) {
      chain = inOrder.get(i).andThen(chain);
    }
    return chain;
  }

  private ScenarioBuilder stepScenario(DeploymentSettings d, Step step) {
    String name = groupName(d, step);
    ChainBuilder request = group(name).on(sizing.workload.nextRequest());
    return scenario(name)
        // The first user of a step judges the previous one; all users of a skipped step leave at once.
        .exitHereIf(session -> !search.begin(d.name(), step))
        .exec(session -> session.set(GenAi.STEP, step.label()).set(GenAi.LOAD, step.load())
            .set(GenAi.LOAD_UNIT, step.unit()).set(GenAi.WARMUP, step.warmup()))
        // Several load generators each judge only their own share: they hold adaptive steps to the max
        // so that they keep moving through the steps together.
        .exec(population.behaviour(step, request,
            sizing.share.whole() ? () -> search.mayEnd(d.name(), step) : () -> false));
  }

  private String describe() {
    Slo slo = sizing.slo;
    Duration perDeployment = population.warmup().map(population::length).orElse(Duration.ZERO);
    for (Step s : population.steps()) {
      perDeployment = perDeployment.plus(population.length(s));
    }
    return String.format(Locale.ROOT,
        "sizing %s with the %s workload (%d prompts); population %s; SLO p95 ttft <= %.0f ms, p95 e2e <= %.0f ms,"
            + " errors <= %.1f%% (%s); at most ~%d s of load per deployment",
        sizing.deployments.stream().map(SizingPlan::deploymentLabel).collect(Collectors.joining(", ")),
        sizing.workload.name(), sizing.workload.conversations().size(), population.describe(),
        slo.p95TtftMs(), slo.p95E2eMs(), slo.maxErrorRate() * 100,
        sizing.enforceSlo ? "enforced: a broken SLO fails the run" : "reported only",
        perDeployment.toSeconds());
  }
}
