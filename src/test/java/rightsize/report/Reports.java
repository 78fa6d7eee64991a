package rightsize.report;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import rightsize.config.RightsizeSettings;

/** Report settings for tests: reference.conf plus overrides, paths against the project folder. */
final class Reports {
  static final Path PROJECT = Path.of("").toAbsolutePath();

  private Reports() {}

  static RightsizeSettings rightsize(String overrides) {
    return RightsizeSettings.from(ConfigFactory.parseString(overrides), System::getenv, RightsizeSettings.Secrets.NONE);
  }

  static ReportGenerator generator(String overrides) {
    return new ReportGenerator(ReportSettings.of(rightsize(overrides), PROJECT));
  }

  static ReportGenerator generator() {
    return generator("");
  }
}
