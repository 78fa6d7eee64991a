package rightsize.secret;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rightsize.testing.SecretPieces;

/**
 * Every logging configuration of the project (mvn gatling:test, the tests, the forked runs) writes
 * messages and stack traces through the scrubber: a line that quotes a key, whoever logs it, shows
 * none of it.
 */
class LogConfigurationsTest {
  private static final String KEY = "Lg7Hq2Vz9Pw4Kx1Nc8Rb";

  static List<Path> configurations() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src"))) {
      List<Path> found = files.filter(f -> f.getFileName().toString().matches("logback.*\\.xml")).sorted().toList();
      assertThat(found).isNotEmpty();
      return found;
    }
  }

  @ParameterizedTest
  @MethodSource("configurations")
  void everyLineIsScrubbed(Path configuration) throws Exception {
    Secret.of(KEY, "test");
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(configuration.toFile());
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("rightsize.client"), Level.WARN,
        "server said {}", new IllegalStateException("echo: " + KEY.substring(2)), new Object[] {"key=" + KEY});

    int appenders = 0;
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
        String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
        assertThat(line).contains("server said key=***", "IllegalStateException: echo: ***");
        assertThat(SecretPieces.foundIn(line, KEY)).as(line).isEmpty();
        appenders++;
      }
    }
    assertThat(appenders).as("appenders of %s", configuration).isPositive();
    context.stop();
  }
}
