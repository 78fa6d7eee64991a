package rightsize.report.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rightsize.record.JsonFile;
import rightsize.report.analysis.Baseline;

/**
 * A run's tradeoffs.json, field by field: what the report writes and what the baseline comparison,
 * the run index and the nightly gate read back. Times in ms, rates per second, shares 0..1, money
 * in the deployment's currency; a null figure was not measured. Field names are these components'
 * in snake_case; docs/report.md explains each one.
 *
 * @param schema {@value #SCHEMA}; a file with another one is not read
 * @param generatedAt when the report was written (ISO-8601)
 * @param startedAt the first measured request's start, or null when no record was readable
 * @param partial true when a record file was missing, unreadable or had unreadable lines
 * @param warmupRequests the requests left out of every figure
 * @param injectorInputs one per injector file; empty when the run has none
 * @param steps every measured step of every deployment
 * @param lengthSensitivity per deployment
 * @param sloResults each measured step's SLO verdict, for the gate
 * @param gatling the cross-check with Gatling's report, or null when there was none
 * @param baseline the run compared with, or null without one
 * @param serverSide where the steps' server-side figures came from and what could not be read; left
 *     out when the run folder has no telemetry.json
 */
public record TradeoffsJson(
    String schema,
    String runId,
    String generatedAt,
    String startedAt,
    String endedAt,
    List<String> targets,
    List<String> workloads,
    List<String> injectors,
    boolean partial,
    long unreadableLines,
    List<Input> inputs,
    long warmupRequests,
    List<InjectorInput> injectorInputs,
    TrustLimits trustThresholds,
    List<String> warnings,
    Slo slo,
    TargetLoad targetLoad,
    String recommendation,
    List<Step> steps,
    List<Deployment> deployments,
    Map<String, Lengths> lengthSensitivity,
    List<SloResult> sloResults,
    Gatling gatling,
    Baseline baseline,
    List<Delta> deltas,
    List<Regression> regressions,
    Gate gate,
    @JsonInclude(JsonInclude.Include.NON_NULL) ServerSide serverSide) {

  /**
   * The schema id every tradeoffs.json names; a change that older readers would misread gets a new
   * one. /2: verdicts are met, broken or inconclusive ({@code met} false no longer means broken),
   * with 95% confidence intervals.
   */
  public static final String SCHEMA = "rightsize.tradeoffs/2";

  /** The schemas this reader still reads: files written before the current one stay baselines. */
  public static final List<String> READABLE = List.of("rightsize.tradeoffs/1", SCHEMA);

  /** The file's name in a run folder. */
  public static final String FILE_NAME = "tradeoffs.json";

  /** Writes this to {@code file}, replacing it. */
  public void write(Path file) {
    JsonFile.write(file, this);
  }

  /**
   * Reads {@code file}; throws an {@link java.io.UncheckedIOException} naming it when it is
   * missing or not JSON, an {@link IllegalArgumentException} when it is not a {@value #SCHEMA} (or
   * older /1) file. A /1 file has no intervals, and its verdicts are met or broken.
   */
  public static TradeoffsJson read(Path file) {
    JsonNode tree = JsonFile.readTree(file);
    if (!READABLE.contains(tree.path("schema").asText())) {
      throw new IllegalArgumentException(file + " is not a " + SCHEMA + " report");
    }
    return JsonFile.bind(tree, TradeoffsJson.class, file);
  }

  /** What reading one record file found; {@code interruptedAt} (ISO-8601) when its run was cut short, else null. */
  public record Input(
      String file, long records, long unreadableLines, boolean missing, String error,
      // Left out when null, so the files of runs that ended stay as they were.
      @JsonInclude(JsonInclude.Include.NON_NULL) String interruptedAt) {}

  /** What reading one injector file found. */
  public record InjectorInput(String file, long samples, long unreadableLines, String error) {}

  /**
   * When a step's figures are flagged as not to be trusted.
   *
   * @param failGate whether the gate fails on a conclusion resting on such figures; null in /1 files (false)
   */
  public record TrustLimits(long minRequestsP95, long minRequestsP99, double maxInjectorStallMs, double maxInjectorCpu,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double maxClientLagMs,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean failGate) {}

  /**
   * The SLO every step is judged by.
   *
   * @param emptyAnswerIsError false when empty answers do not count as errors; left out when they
   *     do (the default, and every file written before the setting)
   */
  public record Slo(double p95TtftMs, double p95E2eMs, double maxErrorRate,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean emptyAnswerIsError) {}

  /** The load the monthly costs are for. */
  public record TargetLoad(double concurrentUsers, double requestsPerDay, String description) {}

  /**
   * One measured step.
   *
   * @param loadUnit "users" or "users/s"
   * @param statusCounts requests per status wire name, statuses without requests left out
   * @param injector how the load generators fared: left out when the run has no injector file,
   *     {@code Optional.empty()} (written as null) when no sample overlaps the step
   * @param server what the deployment measured itself during the step: left out when the run's
   *     telemetry.json has nothing for it (or the run has none: then {@code server_side} is left out too)
   * @param emptyAnswers requests that ended normally with no visible content; left out when none did
   * @param reasoning the reasoning phase of the requests that reasoned; left out when none did
   */
  public record Step(
      String deployment,
      String vmSize,
      String step,
      double load,
      String loadUnit,
      long requests,
      long ok,
      long ko,
      long throttled,
      Map<String, Long> statusCounts,
      double errorRate,
      @JsonInclude(JsonInclude.Include.NON_NULL) Ci errorRateCi,
      double throttledRate,
      double windowS,
      Double requestsPerS,
      Double okRequestsPerS,
      Double outputTokensPerS,
      Double totalTokensPerS,
      long promptTokens,
      long cachedTokens,
      long completionTokens,
      Latency ttftMs,
      Latency tpotMs,
      Latency e2eMs,
      Verdict slo,
      Cost cost,
      Trust trust,
      @JsonInclude(JsonInclude.Include.NON_NULL) Optional<Injector> injector,
      @JsonInclude(JsonInclude.Include.NON_NULL) Server server,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long emptyAnswers,
      @JsonInclude(JsonInclude.Include.NON_NULL) Reasoning reasoning) {}

  /**
   * A step's reasoning phase (docs/metrics.md, "Reasoning").
   *
   * @param requests successful requests that reasoned (streamed reasoning, or reported reasoning tokens)
   * @param tokensMean their mean reasoning tokens
   * @param firstReasoningMs time to the first reasoning token, over the requests that streamed reasoning
   * @param reasoningMs reasoning duration, first reasoning token to first visible token
   */
  public record Reasoning(long requests, Double tokensMean, Latency firstReasoningMs, Latency reasoningMs) {}

  /**
   * A step's server-side figures.
   *
   * @param grains the time grains wholly inside the step (0: the step is shorter than a grain)
   * @param hottest the utilization with the highest mean ("cpu", "gpu_memory", ...), or null
   * @param saturated true when that mean reached the saturation share (90%)
   * @param figures per measure ("cpu", "latency", "tokens_per_second", "instances", ...): percent for
   *     utilizations, ms for latencies, per second or per minute for rates, as Azure gives them
   */
  public record Server(int grains, String hottest, boolean saturated, Map<String, ServerFigure> figures) {}

  /** One measure over a step: the mean over its grains and the peak any instance reached. */
  public record ServerFigure(double mean, double peak) {}

  /**
   * Where the server-side figures came from.
   *
   * @param source the metrics service's base URL
   * @param grain the time grain, ISO-8601
   * @param notes one line per deployment or metric that could not be read
   */
  public record ServerSide(String source, String grain, List<String> notes) {}

  /**
   * A latency's percentiles over the successful requests, null when none had it, each with its 95%
   * confidence interval (left out in /1 files and of bucket figures).
   */
  public record Latency(long count, Double p50, Double p95, Double p99, Double mean,
      @JsonInclude(JsonInclude.Include.NON_NULL) Ci p50Ci,
      @JsonInclude(JsonInclude.Include.NON_NULL) Ci p95Ci,
      @JsonInclude(JsonInclude.Include.NON_NULL) Ci p99Ci) {}

  /**
   * A 95% confidence interval; a null bound is unbounded (too few values to set it).
   *
   * @param low the lower bound, null when none
   * @param high the upper bound, null when none
   */
  public record Ci(Double low, Double high) {}

  /**
   * An SLO verdict.
   *
   * @param met true only when every limit is met with 95% confidence
   * @param outcome "met", "broken" or "inconclusive"; null in /1 files, where {@code met} false meant broken
   * @param breaches the limits broken with 95% confidence
   * @param undecided the limits neither met nor broken with 95% confidence; left out when none is
   */
  public record Verdict(boolean met, @JsonInclude(JsonInclude.Include.NON_NULL) String outcome, List<Breach> breaches,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Breach> undecided) {

    /** The outcome, also of a /1 file. */
    public String outcomeOrMetBroken() {
      return outcome != null ? outcome : met ? "met" : "broken";
    }
  }

  /**
   * One SLO limit against the step's figure.
   *
   * @param limit "p95 ttft", "p95 e2e", "error rate" or "requests"
   * @param ci the figure's 95% confidence interval; null in /1 files
   */
  public record Breach(String limit, Double measured, double max, String description,
      @JsonInclude(JsonInclude.Include.NON_NULL) Ci ci) {}

  /** A step's costs. */
  public record Cost(
      String currency,
      Double perHour,
      Double perRequest,
      @JsonProperty("per_1k_requests") Double per1kRequests,
      @JsonProperty("per_1m_output_tokens") Double per1mOutputTokens,
      @JsonProperty("per_1m_total_tokens") Double per1mTotalTokens) {}

  /**
   * Which of a step's figures cannot be trusted.
   *
   * @param changesConclusion true when its SLO verdict or a recommendation rests on such a figure;
   *     null in /1 files
   */
  public record Trust(boolean trusted, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean changesConclusion,
      List<Flag> flags) {}

  /**
   * One reason some figures of a step cannot be trusted.
   *
   * @param check "few_requests", "estimated_tokens", "uncounted_tokens" or "injector_overload"
   * @param figures JSON pointers into the step, e.g. "/ttft_ms/p95"
   * @param requests the successful requests concerned (token checks only; left out otherwise)
   */
  public record Flag(
      String check, List<String> figures, @JsonInclude(JsonInclude.Include.NON_NULL) Long requests, String note) {}

  /**
   * How the load generators fared during a step; the fields after {@code peakMachineCpu} are left out
   * for runs whose injector files predate them.
   *
   * @param jitMs the time the load generators' JIT compilers spent compiling during the step, in ms
   * @param clientLag the client's event loops' lag over the step
   * @param gatlingLag Gatling's event loops' lag over the step
   * @param machineBusy the machine's CPU or the sleeping probe past their limits (no flag)
   */
  public record Injector(
      int seconds,
      double worstStallMs,
      String worstStallInjector,
      String worstStallAt,
      Double peakProcessCpu,
      Double peakMachineCpu,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double peakProcessCores,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long gcPauseMs,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long jitMs,
      @JsonInclude(JsonInclude.Include.NON_NULL) Lag clientLag,
      @JsonInclude(JsonInclude.Include.NON_NULL) Lag gatlingLag,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean machineBusy) {}

  /** How late a group of event loops ran, over a step's time, in ms: what a response arriving then waited. */
  public record Lag(long ticks, double p50, double p95, double p99, double max) {}

  /**
   * What the report concludes for one deployment.
   *
   * @param capacity the largest step within the SLO, or null
   * @param costAtCapacity the costs of the SLO-meeting step cheapest per 1M output tokens, or null
   * @param firstBreak the lowest-load step that broke the SLO, or null
   * @param skippedSteps the steps the capacity search skipped: left out (null) when the run folder
   *     has no capacity.json, empty when it skipped none
   */
  public record Deployment(
      String deployment,
      String vmSize,
      Pricing pricing,
      boolean meetsSlo,
      StepRef capacity,
      CostAt costAtCapacity,
      FirstBreak firstBreak,
      Monthly monthly,
      String monthlyProblem,
      BreakEven breakEven,
      String breakEvenProblem,
      boolean dominated,
      List<String> dominatedBy,
      String recommendation,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Skipped> skippedSteps) {}

  /** A deployment's prices. */
  public record Pricing(
      String mode,
      int units,
      String unitName,
      Double unitPricePerHour,
      Double hourly,
      String currency,
      String region,
      String source,
      @JsonProperty("input_per_1m") double inputPer1m,
      @JsonProperty("cached_input_per_1m") double cachedInputPer1m,
      @JsonProperty("output_per_1m") double outputPer1m,
      String description,
      List<String> notes) {}

  /** A step named by its label, load and load unit. */
  public record StepRef(String step, double load, String loadUnit) {}

  /** A step's costs with the step they are of. */
  public record CostAt(String step, double load, @JsonUnwrapped Cost cost) {}

  /** The step that broke the SLO first, with its verdict. */
  public record FirstBreak(String step, double load, String loadUnit, boolean met, List<Breach> breaches) {}

  /**
   * The monthly cost for the target load.
   *
   * @param unitsNeeded instances or PTUs needed; null for pay-per-token
   */
  public record Monthly(
      String target,
      double capacityPerUnit,
      Integer unitsNeeded,
      double cost,
      double utilization,
      String currency,
      String description) {}

  /** The volume above which the deployment is cheaper than per-token prices. */
  public record BreakEven(
      String reference,
      double payPerTokenPerRequest,
      double monthlyFixed,
      double requestsPerDay,
      double outputTokensPerMonth,
      Double capacityRequestsPerDay,
      boolean reachable,
      String description) {}

  /**
   * A planned step the capacity search skipped.
   *
   * @param outcome always "skipped"
   * @param brokenAt the step that broke the SLO before it, or null when capacity.json does not say
   */
  public record Skipped(
      String step, double load, String loadUnit, String outcome, BrokenAt brokenAt, String reason, String description) {}

  /** The step that broke the SLO and the limits it broke. */
  public record BrokenAt(String step, String verdict) {}

  /** How latency grows with request length on one deployment. */
  public record Lengths(
      String basis,
      List<Bucket> ttftByInputTokens,
      Fit ttftFit,
      List<Bucket> e2eByOutputTokens,
      Fit e2eFit) {}

  /**
   * One token bucket.
   *
   * @param toTokens exclusive; null for the open last bucket
   */
  public record Bucket(int fromTokens, Integer toTokens, double meanTokens, Latency latencyMs) {}

  /**
   * A least-squares line.
   *
   * @param slopeCi the slope's 95% confidence interval; null in /1 files
   * @param meaningful true when it rests on enough requests and its slope's interval excludes zero
   *     (only then is it drawn); null in /1 files
   */
  public record Fit(long n, double interceptMs, double slopeMsPerToken, double r2,
      @JsonInclude(JsonInclude.Include.NON_NULL) Ci slopeCi,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean meaningful) {}

  /**
   * One measured step's SLO verdict.
   *
   * @param outcome "met", "broken" or "inconclusive"; null in /1 files
   */
  public record SloResult(
      String deployment, String vmSize, String step, double load, String loadUnit, boolean met, List<Breach> breaches,
      @JsonInclude(JsonInclude.Include.NON_NULL) String outcome) {}

  /** The cross-check with Gatling's report. */
  public record Gatling(List<String> reports, boolean agree, List<String> problems, List<GatlingRow> rows) {}

  /** The cross-check of one request name. */
  public record GatlingRow(
      String name, Counts records, Counts gatling, List<Percentile> percentiles, boolean agree, List<String> problems) {}

  /** Request counts. */
  public record Counts(long total, long ok, long ko) {}

  /** One Gatling percentile against the range the records allow. */
  public record Percentile(
      String path, double percentile, Double gatlingMs, double recordsLowMs, double recordsHighMs, boolean agree) {}

  /** The run compared with. */
  public record Baseline(String runId, String folder, List<String> notes) {}

  /** One step found in both runs, with the change of every compared figure. */
  public record Delta(
      String deployment,
      String step,
      double load,
      Change p95TtftMs,
      Change p95E2eMs,
      Change errorRate,
      @JsonProperty("cost_per_1m_output_tokens") Change costPer1mOutputTokens,
      Change outputTokensPerS) {

    /** The change of {@code metric}, or null when the file does not have it. */
    public Change of(Metric metric) {
      return switch (metric) {
        case P95_TTFT -> p95TtftMs;
        case P95_E2E -> p95E2eMs;
        case ERROR_RATE -> errorRate;
        case COST_PER_1M_OUTPUT_TOKENS -> costPer1mOutputTokens;
        case OUTPUT_TOKENS_PER_SECOND -> outputTokensPerS;
      };
    }
  }

  /**
   * One figure in both runs.
   *
   * @param change relative (0.1 = +10%), in percentage points for the error rate; null when undefined
   */
  public record Change(Double baseline, Double current, Double change) {}

  /**
   * One figure worse than the baseline beyond its threshold.
   *
   * @param metric the figure's name in {@link Delta}, e.g. "p95_ttft_ms"
   */
  public record Regression(
      String deployment,
      String step,
      String metric,
      double baseline,
      double current,
      double change,
      double threshold,
      String description) {}

  /**
   * The figures a gate acts on.
   *
   * @param untrustedSteps measured steps with at least one trust flag
   * @param gatlingAgrees null when there was no Gatling report to check
   * @param inconclusiveSteps measured steps whose verdict is inconclusive; null in /1 files
   * @param untrustedConclusions measured steps whose verdict or recommendation rests on an untrusted
   *     figure; null in /1 files
   */
  public record Gate(
      boolean sloMetAtEveryStep,
      long deploymentsMeetingSlo,
      int regressions,
      boolean partial,
      int untrustedSteps,
      Boolean gatlingAgrees,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer inconclusiveSteps,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer untrustedConclusions) {}
}
