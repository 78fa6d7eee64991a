package rightsize.record;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import rightsize.secret.ScrubbedFiles;

/**
 * The one JSON mapping of the files a run folder summarises itself in (capacity.json,
 * tradeoffs.json), from records that name their fields in camelCase: snake_case fields, written
 * indented; read leniently, so that a file an older or newer writer wrote still reads (unknown
 * fields are ignored, missing lists and maps are empty).
 */
public final class JsonFile {
  private static final ObjectMapper MAPPER = mapper();

  private JsonFile() {}

  private static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        // Optional tells a field that is written as null from one that is left out.
        .registerModule(new Jdk8Module())
        .enable(SerializationFeature.INDENT_OUTPUT)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
    mapper.configOverride(Map.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
    return mapper;
  }

  /** Reads {@code file} as a tree, to check what it is before binding it; throws one line naming it when it is not JSON. */
  public static JsonNode readTree(Path file) {
    try {
      JsonNode tree = MAPPER.readTree(file.toFile());
      if (tree == null) {
        throw new IOException("the file is empty");
      }
      return tree;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** Binds {@code tree}, read from {@code file}, to {@code type}; throws one line naming the file when a field has another shape. */
  public static <T> T bind(JsonNode tree, Class<T> type, Path file) {
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw unreadable(file, e);
    }
  }

  /** Writes {@code value} to {@code file}, replacing it and creating its folder. */
  public static void write(Path file, Object value) {
    try {
      Path folder = file.toAbsolutePath().getParent();
      if (folder != null) {
        Files.createDirectories(folder);
      }
      ScrubbedFiles.writeString(file, MAPPER.writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static UncheckedIOException unreadable(Path file, Exception e) {
    IOException cause = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    return new UncheckedIOException(
        "cannot read " + file + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), cause);
  }
}
