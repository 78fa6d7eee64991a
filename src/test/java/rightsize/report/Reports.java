package rightsize.report;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;

/** Report settings for tests: reference.conf plus overrides, paths against the project folder. */
final class Reports {
  static final Path PROJECT = Path.of("").toAbsolutePath();

  private Reports() {}

  static Config rightsize(String overrides) {
    return ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.defaultReference())
        .resolve()
        .getConfig("rightsize");
  }

  static ReportGenerator generator(String overrides) {
    return new ReportGenerator(ReportSettings.fromConfig(rightsize(overrides), PROJECT));
  }

  static ReportGenerator generator() {
    return generator("");
  }
}
