package rightsize.injector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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

  static final ObjectMapper JSON = new ObjectMapper()
      // Newer writers may add fields; old readers must still read the line.
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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

  /** {@code sample} as one JSON line, without the line break. */
  static String line(InjectorSample sample) {
    try {
      return JSON.writeValueAsString(sample);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an injector sample as JSON: " + e.getMessage(), e);
    }
  }

  /** The sample on {@code line}, or null when the line is not one. */
  static InjectorSample parse(String line) {
    try {
      InjectorSample s = JSON.readValue(line, InjectorSample.class);
      return s != null && s.epochSecond() > 0 && s.wakeups() >= 0 && s.worstStallMs() >= 0 ? s : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
