package rightsize.report.input;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import rightsize.analysis.StepAggregator;
import rightsize.analysis.StepKey;
import rightsize.record.RecordReader;
import rightsize.record.RequestRecord;
import rightsize.report.model.InputFile;

/**
 * Reads a run's record files once, streaming every record into the accumulators the report is
 * built from; records are never held. Several injectors' files simply feed the same accumulators,
 * so every percentile is over the union of their requests.
 */
public final class RunScan {
  private final BiConsumer<StepKey, RequestRecord> measured;
  private final StepAggregator steps = new StepAggregator();
  private final Map<StepKey, TokenSources> tokenSources = new TreeMap<>();
  private final Map<String, RequestNameStats> names = new TreeMap<>();
  private final Map<String, RequestNameStats> paths = new TreeMap<>();
  private final TreeSet<String> runIds = new TreeSet<>();
  private final TreeSet<String> targets = new TreeSet<>();
  private final TreeSet<String> workloads = new TreeSet<>();
  private final TreeSet<String> injectors = new TreeSet<>();
  private final List<InputFile> inputs = new ArrayList<>();
  private long warmupRequests;
  private long firstStartMicros = Long.MAX_VALUE;
  private long lastEndMicros = Long.MIN_VALUE;

  private RunScan(BiConsumer<StepKey, RequestRecord> measured) {
    this.measured = measured;
  }

  /**
   * Reads {@code files}; {@code measured} also gets every record outside the warm-up, with its
   * step, for the figures the report computes beyond these (length sensitivity).
   */
  public static RunScan read(List<Path> files, BiConsumer<StepKey, RequestRecord> measured) {
    RunScan scan = new RunScan(measured);
    for (Path file : files) {
      try {
        RecordReader.ReadSummary s = RecordReader.read(file, scan::add);
        scan.inputs.add(new InputFile(file, s.records(), s.unreadableLines(), s.missing(), null, s.reasons(), s.interruptedAt()));
      } catch (UncheckedIOException e) {
        // A file that cannot even be opened (a folder, no permission) is reported, not fatal.
        scan.inputs.add(InputFile.unopened(file, e.getMessage()));
      }
    }
    return scan;
  }

  private void add(RequestRecord r) {
    String name = r.request() == null ? "" : r.request();
    names.computeIfAbsent(name, k -> new RequestNameStats()).add(r);
    if (r.scenario() != null) {
      paths.computeIfAbsent(r.scenario() + " / " + name, k -> new RequestNameStats()).add(r);
    }
    addLabel(runIds, r.runId());
    addLabel(injectors, r.injector());
    if (!steps.add(r)) {
      warmupRequests++;
      return;
    }
    addLabel(targets, r.target());
    // The request name names the workload (chat, summarize, generate); scenario names are one per step.
    addLabel(workloads, r.request());
    firstStartMicros = Math.min(firstStartMicros, r.startEpochMicros());
    lastEndMicros = Math.max(lastEndMicros, r.startEpochMicros() + Math.round(r.e2eMs() * 1000));
    StepKey key = StepKey.of(r);
    tokenSources.computeIfAbsent(key, k -> new TokenSources()).add(r);
    measured.accept(key, r);
  }

  private static void addLabel(TreeSet<String> set, String value) {
    if (value != null && !value.isEmpty()) {
      set.add(value);
    }
  }

  /** Every measured step's figures. */
  public StepAggregator steps() {
    return steps;
  }

  /** Where the token counts of {@code step}'s successful requests came from, or null for a step without records. */
  public TokenSources tokenSources(StepKey step) {
    return tokenSources.get(step);
  }

  /** Every request name's counts and e2e distribution, warm-up included: what Gatling's rows count. */
  public Map<String, RequestNameStats> names() {
    return Collections.unmodifiableMap(names);
  }

  /** The same by "scenario / request name": Gatling's row path when a step's group is named after its scenario. */
  public Map<String, RequestNameStats> paths() {
    return Collections.unmodifiableMap(paths);
  }

  /** The run ids the records name, sorted. */
  public List<String> runIds() {
    return List.copyOf(runIds);
  }

  /** The targets of the measured requests, sorted. */
  public List<String> targets() {
    return List.copyOf(targets);
  }

  /** The request names of the measured requests (the workloads: chat, summarize, ...), sorted. */
  public List<String> workloads() {
    return List.copyOf(workloads);
  }

  /** The injectors that wrote the records, sorted. */
  public List<String> injectors() {
    return List.copyOf(injectors);
  }

  /** What reading each record file found. */
  public List<InputFile> inputs() {
    return List.copyOf(inputs);
  }

  /** The requests left out as warm-up. */
  public long warmupRequests() {
    return warmupRequests;
  }

  /** The start of the first measured request, or null when no record was readable. */
  public Instant startedAt() {
    return firstStartMicros == Long.MAX_VALUE ? null : micros(firstStartMicros);
  }

  /** The end of the last measured request, or null when no record was readable. */
  public Instant endedAt() {
    return firstStartMicros == Long.MAX_VALUE ? null : micros(lastEndMicros);
  }

  private static Instant micros(long epochMicros) {
    return Instant.ofEpochSecond(epochMicros / 1_000_000, (epochMicros % 1_000_000) * 1000);
  }
}
