package rightsize.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DistributionTest {

  @Test
  void readsANumberOrAnObject() {
    Config c = ConfigFactory.parseString("""
        a = 256
        b { distribution = fixed, value = 64 }
        c { distribution = uniform, min = 10, max = 20 }
        d { distribution = normal, mean = 256, stddev = 64, min = 16, max = 1024 }
        e { distribution = normal, mean = 100, stddev = 10 }
        f = "300"
        """);
    assertThat(Distribution.fromConfig(c, "a")).isEqualTo(new Distribution.Fixed(256));
    assertThat(Distribution.fromConfig(c, "b")).isEqualTo(new Distribution.Fixed(64));
    assertThat(Distribution.fromConfig(c, "c")).isEqualTo(new Distribution.Uniform(10, 20));
    assertThat(Distribution.fromConfig(c, "d")).isEqualTo(new Distribution.Normal(256, 64, 16, 1024));
    assertThat(Distribution.fromConfig(c, "e")).isEqualTo(new Distribution.Normal(100, 10, 70, 130));
    assertThat(Distribution.fromConfig(c, "f")).isEqualTo(new Distribution.Fixed(300));
    assertThat(Distribution.fromConfig(c, "d").describe()).isEqualTo("normal(mean 256, sd 64, 16..1024)");
  }

  @Test
  void badSettingsAreOneLineNamingThePath() {
    Config c = ConfigFactory.parseString("""
        x { distribution = poisson, mean = 3 }
        y { distribution = uniform, min = 20, max = 10 }
        z { distribution = uniform, min = 20 }
        """);
    assertThatThrownBy(() -> Distribution.fromConfig(c, "x"))
        .hasMessage("x: distribution must be fixed, uniform or normal, was \"poisson\"");
    assertThatThrownBy(() -> Distribution.fromConfig(c, "y"))
        .hasMessage("y: uniform distribution: max 10 < min 20");
    assertThatThrownBy(() -> Distribution.fromConfig(c, "z")).hasMessageStartingWith("z: ").hasMessageContaining("max");
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
