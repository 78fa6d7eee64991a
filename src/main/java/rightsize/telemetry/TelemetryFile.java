package rightsize.telemetry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import rightsize.secret.ScrubbedFiles;

/** Writes and reads a run's telemetry.json (docs/monitoring.md). */
public final class TelemetryFile {
  /** Its name in the run folder. */
  public static final String NAME = "telemetry.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private TelemetryFile() {}

  /** Writes {@code telemetry} to {@code file}, replacing it. */
  public static void write(Path file, Telemetry telemetry) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      ScrubbedFiles.writeString(file, JSON.writeValueAsString(telemetry));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@code file}; an unreadable or malformed file is an IOException naming it. */
  public static Telemetry read(Path file) throws IOException {
    try {
      return JSON.readValue(file.toFile(), Telemetry.class);
    } catch (IOException e) {
      throw new IOException(file + " is not a readable telemetry file: " + e.getMessage(), e);
    }
  }
}
