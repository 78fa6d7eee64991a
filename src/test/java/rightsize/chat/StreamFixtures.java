package rightsize.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recorded chat-completion streams (NAME.sse with NAME.expected.json): the copy in the test
 * resources, else ../shared/fixtures/streams beside the project.
 */
final class StreamFixtures {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamFixtures() {}

  /** One recorded stream and the facts a parser must find in it. */
  record Fixture(String name, byte[] body, JsonNode expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The folder holding the fixtures: the test resources' copy when present. */
  static Path directory() {
    URL copy = StreamFixtures.class.getClassLoader().getResource("fixtures/streams");
    if (copy != null) {
      try {
        return Path.of(copy.toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    Path shared = sharedDirectory();
    if (!Files.isDirectory(shared)) {
      throw new IllegalStateException("stream fixtures not found: expected src/test/resources/fixtures/streams or " + shared);
    }
    return shared;
  }

  /** ../shared/fixtures/streams resolved from the project directory (CI copies shared/ beside the clone). */
  static Path sharedDirectory() {
    String projectDir = System.getProperty("basedir", System.getProperty("user.dir"));
    return Path.of(projectDir).resolve("../shared/fixtures/streams").normalize();
  }

  static List<Fixture> all() {
    Path dir = directory();
    try (Stream<Path> files = Files.list(dir)) {
      List<Fixture> fixtures = files
          .filter(f -> f.getFileName().toString().endsWith(".sse"))
          .sorted()
          .map(StreamFixtures::load)
          .toList();
      if (fixtures.isEmpty()) {
        throw new IllegalStateException("no *.sse fixture in " + dir);
      }
      return fixtures;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Fixture load(Path sse) {
    String name = sse.getFileName().toString().replaceFirst("\\.sse$", "");
    try {
      JsonNode expected = JSON.readTree(sse.resolveSibling(name + ".expected.json").toFile());
      return new Fixture(name, Files.readAllBytes(sse), expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
