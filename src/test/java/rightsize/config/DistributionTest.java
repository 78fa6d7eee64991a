package rightsize.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DistributionTest {

  @Test
  void readsANumberOrAnObject() {
    assertThat(inputTokens("256")).isEqualTo(new Distribution.Fixed(256));
    assertThat(inputTokens("{ distribution = fixed, value = 64 }")).isEqualTo(new Distribution.Fixed(64));
    assertThat(inputTokens("{ distribution = uniform, min = 10, max = 20 }")).isEqualTo(new Distribution.Uniform(10, 20));
    assertThat(inputTokens("{ distribution = normal, mean = 256, stddev = 64, min = 16, max = 1024 }"))
        .isEqualTo(new Distribution.Normal(256, 64, 16, 1024));
    assertThat(inputTokens("{ distribution = normal, mean = 100, stddev = 10 }")).isEqualTo(new Distribution.Normal(100, 10, 70, 130));
    assertThat(inputTokens("\"300\"")).isEqualTo(new Distribution.Fixed(300));
    assertThat(inputTokens("{ distribution = normal, mean = 256, stddev = 64, min = 16, max = 1024 }").describe())
        .isEqualTo("normal(mean 256, sd 64, 16..1024)");
  }

  @Test
  void badSettingsAreOneLineNamingThePath() {
    assertThat(problems("{ distribution = poisson, mean = 3 }")).containsExactly(
        "rightsize.workload.synthetic.input-tokens.distribution 'poisson' is not a distribution: use fixed, uniform, normal in application.conf: 1");
    assertThat(problems("{ distribution = uniform, min = 20, max = 10 }")).containsExactly(
        "rightsize.workload.synthetic.input-tokens is not a valid distribution (uniform distribution: max 10 < min 20): fix it in application.conf: 1");
    assertThat(problems("{ distribution = uniform, min = 20 }")).singleElement().asString()
        .startsWith("rightsize.workload.synthetic.input-tokens.max is missing");
    // The configured values, not the zeros of a record not yet built.
    assertThat(problems("{ distribution = normal, mean = 5, stddev = 1, min = 10, max = 20 }")).containsExactly(
        "rightsize.workload.synthetic.input-tokens is not a valid distribution (normal distribution needs stddev >= 0 and"
            + " min <= mean <= max, got mean 5.0, stddev 1.0, min 10, max 20): fix it in application.conf: 1");
  }

  private static Distribution inputTokens(String value) {
    return RightsizeSettings.from(parse(value), System::getenv).workload().synthetic().inputTokens();
  }

  private static List<String> problems(String value) {
    return catchThrowableOfType(InvalidConfigException.class, () -> RightsizeSettings.from(parse(value), System::getenv)).problems();
  }

  private static Config parse(String value) {
    return ConfigFactory.parseString("rightsize.workload.synthetic.input-tokens = " + value,
        ConfigParseOptions.defaults().setOriginDescription("application.conf"));
  }

  @Test
  void samplesFollowTheDistributionAndRepeatForASeed() {
    Distribution uniform = new Distribution.Uniform(10, 20);
    Random r = new Random(1);
    int[] u = IntStream.range(0, 20_000).map(i -> uniform.sample(r)).toArray();
    assertThat(IntStream.of(u).min().getAsInt()).isEqualTo(10);
    assertThat(IntStream.of(u).max().getAsInt()).isEqualTo(20);
    assertThat(IntStream.of(u).average().getAsDouble()).isCloseTo(15, within(0.1));

    Distribution normal = new Distribution.Normal(256, 64, 16, 1024);
    Random r2 = new Random(2);
    int[] n = IntStream.range(0, 20_000).map(i -> normal.sample(r2)).toArray();
    double mean = IntStream.of(n).average().getAsDouble();
    double sd = Math.sqrt(IntStream.of(n).mapToDouble(v -> (v - mean) * (v - mean)).sum() / n.length);
    assertThat(mean).isCloseTo(256, within(2.0));
    assertThat(sd).isCloseTo(64, within(2.0));

    Distribution truncated = new Distribution.Normal(50, 100, 40, 60);
    Random r3 = new Random(3);
    assertThat(IntStream.range(0, 5000).map(i -> truncated.sample(r3))).allMatch(v -> v >= 40 && v <= 60);

    int[] first = IntStream.range(0, 50).map(i -> normal.sample(new Random(7))).toArray();
    assertThat(first).containsOnly(normal.sample(new Random(7)));
    assertThat(new Distribution.Fixed(5).sample(r)).isEqualTo(5);
  }
}
