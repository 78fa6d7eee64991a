package rightsize.injector;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import rightsize.record.JsonLines;

/**
 * The samples of every load generator of one run, read from its injector files, and what they
 * say about a time window. Unreadable lines are counted, not fatal.
 */
public final class InjectorLog {
  private static final ObjectMapper JSON = new ObjectMapper()
      // Newer writers may add fields; old readers must still read the line.
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** What reading one injector file found; {@code error} is null unless it could not be read at all. */
  public record Input(Path file, long samples, long unreadableLines, String error) {

    /** "injector.jsonl: 120 samples" or "injector.jsonl: 118 samples, 2 unreadable lines". */
    public String describe() {
      String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
      if (error != null) {
        return name + ": unreadable (" + error + ")";
      }
      return name + ": " + samples + " samples"
          + (unreadableLines > 0 ? ", " + unreadableLines + " unreadable line" + (unreadableLines == 1 ? "" : "s") : "");
    }
  }

  private final List<Input> inputs;
  private final List<InjectorSample> samples;

  private InjectorLog(List<Input> inputs, List<InjectorSample> samples) {
    this.inputs = List.copyOf(inputs);
    this.samples = samples.stream().sorted(Comparator.comparingLong(InjectorSample::epochSecond)).toList();
  }

  /** The injector files of {@code runDir} ({@link InjectorFile#in}); an empty log when it has none. */
  public static InjectorLog read(Path runDir) {
    return read(InjectorFile.in(runDir));
  }

  /** Every sample of {@code files}. */
  public static InjectorLog read(List<Path> files) {
    List<Input> inputs = new ArrayList<>();
    List<InjectorSample> samples = new ArrayList<>();
    for (Path file : files) {
      inputs.add(readFile(file, samples));
    }
    return new InjectorLog(inputs, samples);
  }

  private static Input readFile(Path file, List<InjectorSample> into) {
    JsonLines.Summary s = JsonLines.read(file, InjectorLog::parse, into::add);
    return new Input(file, s.read(), s.unreadable(), s.error() == null ? null : s.error().getMessage());
  }

  /** The sample on {@code line}, or null when the line is not one. */
  private static InjectorSample parse(String line) {
    try {
      InjectorSample s = JSON.readValue(line, InjectorSample.class);
      return s != null && s.epochSecond() > 0 && s.wakeups() >= 0 && s.worstStallMs() >= 0 ? s : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** False for a run without injector files (older runs, or record files given without their folder). */
  public boolean present() {
    return !inputs.isEmpty();
  }

  public List<Input> inputs() {
    return inputs;
  }

  /** Every sample, ordered by second. */
  public List<InjectorSample> samples() {
    return samples;
  }

  /**
   * How the load generators fared from {@code fromEpochMicros} to {@code toEpochMicros}, over every
   * sample whose second overlaps that window; null when none does.
   */
  public InjectorLoad during(long fromEpochMicros, long toEpochMicros) {
    int seconds = 0;
    InjectorSample worst = null;
    Double process = null;
    Double machine = null;
    Double cores = null;
    Long gc = null;
    Long jit = null;
    LoopLag client = null;
    LoopLag gatling = null;
    for (InjectorSample s : samples) {
      if (s.startEpochMicros() > toEpochMicros || s.startEpochMicros() + 1_000_000 <= fromEpochMicros) {
        continue;
      }
      seconds++;
      if (worst == null || s.worstStallMs() > worst.worstStallMs()) {
        worst = s;
      }
      process = max(process, s.processCpu());
      machine = max(machine, s.machineCpu());
      cores = max(cores, s.processCores());
      gc = plus(gc, s.gcPauseMs());
      jit = plus(jit, s.jitMs());
      client = s.clientLag() == null ? client : s.clientLag().plus(client);
      gatling = s.gatlingLag() == null ? gatling : s.gatlingLag().plus(gatling);
    }
    if (worst == null) {
      return null;
    }
    return new InjectorLoad(seconds, worst.worstStallMs(), worst.injector(), Instant.ofEpochSecond(worst.epochSecond()),
        process, machine, cores, gc, jit, client, gatling);
  }

  /** The sum of two figures a sample may lack: null only when both are. */
  private static Long plus(Long a, Long b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Long.valueOf(a + b);
  }

  private static Double max(Double a, Double b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Double.valueOf(Math.max(a, b));
  }
}
