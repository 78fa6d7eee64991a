package rightsize.report.input;

import rightsize.report.analysis.LengthSensitivity;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import rightsize.analysis.StepAggregator;
import rightsize.analysis.StepKey;
import rightsize.record.RecordReader;
import rightsize.record.RequestRecord;

/**
 * Reads a run's record files once, streaming every record into the accumulators the report is
 * built from; records are never held. Several injectors' files simply feed the same accumulators,
 * so every percentile is over the union of their requests.
 */
public final class RunScan {
  public final StepAggregator steps = new StepAggregator();
  public final Map<StepKey, LengthSensitivity> lengths = new TreeMap<>();
  public final Map<StepKey, TokenSources> tokenSources = new TreeMap<>();
  public final Map<String, RequestNameStats> names = new TreeMap<>();
  /** By "scenario / request name": Gatling's row path when a step's group is named after its scenario. */
  public final Map<String, RequestNameStats> paths = new TreeMap<>();
  public final TreeSet<String> runIds = new TreeSet<>();
  public final TreeSet<String> targets = new TreeSet<>();
  public final TreeSet<String> workloads = new TreeSet<>();
  public final TreeSet<String> injectors = new TreeSet<>();
  public final List<InputFile> inputs = new ArrayList<>();
  public long warmupRequests;
  public long firstStartMicros = Long.MAX_VALUE;
  public long lastEndMicros = Long.MIN_VALUE;

  public static RunScan read(List<Path> files) {
    RunScan scan = new RunScan();
    for (Path file : files) {
      try {
        RecordReader.ReadSummary s = RecordReader.read(file, scan::add);
        scan.inputs.add(new InputFile(file, s.records(), s.unreadableLines(), s.missing(), null));
      } catch (UncheckedIOException e) {
        // A file that cannot even be opened (a folder, no permission) is reported, not fatal.
        scan.inputs.add(new InputFile(file, 0, 0, false, e.getMessage()));
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
    lengths.computeIfAbsent(key, k -> new LengthSensitivity()).add(r);
    tokenSources.computeIfAbsent(key, k -> new TokenSources()).add(r);
  }

  private static void addLabel(TreeSet<String> set, String value) {
    if (value != null && !value.isEmpty()) {
      set.add(value);
    }
  }

  long unreadableLines() {
    return inputs.stream().mapToLong(InputFile::unreadableLines).sum();
  }

  boolean partial() {
    return inputs.isEmpty() || inputs.stream().anyMatch(InputFile::partial);
  }
}
