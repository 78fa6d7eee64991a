package rightsize.injector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The injector files of a run folder: {@value #NAME}, written by the run, or one {@code
 * injector-<injector>.jsonl} per load generator when several were collected into one folder; one
 * {@link InjectorSample} per JSON line.
 */
public final class InjectorFile {
  /** The file a run writes into its folder. */
  public static final String NAME = "injector.jsonl";

  private static final JsonFactory FACTORY = new JsonFactory();

  private InjectorFile() {}

  /** Every {@code injector*.jsonl} in {@code runDir}, sorted by name; empty when there is none (an older run). */
  public static List<Path> in(Path runDir) {
    if (!Files.isDirectory(runDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(runDir)) {
      return files.filter(f -> {
        String name = f.getFileName().toString();
        return name.startsWith("injector") && name.endsWith(".jsonl") && Files.isRegularFile(f);
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code sample} as one JSON line, without the line break. Written with Jackson's streaming
   * generator, not data binding: the run's JVM then builds no object mapper (tens of MB of
   * allocation and class loading) while it times requests.
   */
  public static String line(InjectorSample sample) {
    StringWriter out = new StringWriter(160);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("injector", sample.injector());
      g.writeNumberField("epoch_s", sample.epochSecond());
      g.writeNumberField("wakeups", sample.wakeups());
      g.writeNumberField("worst_stall_ms", sample.worstStallMs());
      writeShare(g, "process_cpu", sample.processCpu());
      writeShare(g, "machine_cpu", sample.machineCpu());
      if (sample.processCores() != null) {
        g.writeNumberField("process_cores", sample.processCores());
      }
      if (sample.cpus() != null) {
        g.writeNumberField("cpus", sample.cpus());
      }
      if (sample.gcPauseMs() != null) {
        g.writeNumberField("gc_pause_ms", sample.gcPauseMs());
      }
      if (sample.jitMs() != null) {
        g.writeNumberField("jit_ms", sample.jitMs());
      }
      writeLag(g, "client_lag", sample.clientLag());
      writeLag(g, "gatling_lag", sample.gatlingLag());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write an injector sample as JSON: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static void writeLag(JsonGenerator g, String field, LoopLag lag) throws IOException {
    if (lag == null) {
      return;
    }
    g.writeObjectFieldStart(field);
    g.writeNumberField("loops", lag.loops());
    g.writeNumberField("ticks", lag.ticks());
    g.writeNumberField("max_ms", lag.maxMs());
    g.writeObjectFieldStart("over_ms");
    for (int edge : LoopLag.EDGES_MS) {
      long n = lag.over(edge);
      if (n > 0) {
        g.writeNumberField(Integer.toString(edge), n);
      }
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeShare(JsonGenerator g, String field, Double value) throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, value);
    }
  }
}
