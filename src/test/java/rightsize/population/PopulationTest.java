package rightsize.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rightsize.config.InvalidConfigException;
import rightsize.config.PopulationSettings;
import rightsize.config.RightsizeSettings;
import rightsize.record.LoadUnit;
import scala.concurrent.duration.FiniteDuration;

class PopulationTest {
  private static final PopulationSettings REFERENCE = RightsizeSettings.reference().population();

  @Test
  void theDefaultIsClosedOneTenFiftyHundredUsers() {
    Population p = Population.from(REFERENCE);
    assertThat(p).isInstanceOf(ClosedPopulation.class);
    assertThat(p.steps()).extracting(Step::label).containsExactly("1 user", "10 users", "50 users", "100 users");
    assertThat(p.steps()).extracting(Step::load).containsExactly(1.0, 10.0, 50.0, 100.0);
    assertThat(p.steps()).extracting(Step::duration).containsOnly(REFERENCE.closed().maxHold());
    assertThat(p.steps()).extracting(Step::unit).containsOnly(LoadUnit.USERS);
    assertThat(p.warmup()).contains(new Step("warmup", 1, LoadUnit.USERS, REFERENCE.closed().warmup(), true));
    assertThat(p.thinkTime()).isEqualTo(REFERENCE.closed().thinkTime());
  }

  @Test
  void readsTheOpenModelAndStepsGivenAsAString() {
    Population p = Population.from(config("""
        population.model = open
        population.open { steps = "0.5, 1,2.5", hold = 30s, think-time = 0s, warmup = 0s }
        """));
    assertThat(p).isInstanceOf(OpenPopulation.class);
    assertThat(p.steps()).extracting(Step::label).containsExactly("0.5 users/s", "1.0 users/s", "2.5 users/s");
    assertThat(p.steps()).extracting(Step::unit).containsOnly(LoadUnit.ARRIVALS_PER_SECOND);
    assertThat(Population.open(0.5, 2).warmup()).map(Step::unit).contains(LoadUnit.ARRIVALS_PER_SECOND);
    assertThat(p.steps()).extracting(Step::duration).containsOnly(Duration.ofSeconds(30));
    assertThat(p.warmup()).isEmpty();
    assertThat(p.thinkTime()).isZero();
  }

  @Test
  void badStepsAreOneLineNamingTheSetting() {
    assertThat(problems("population.closed.steps = [1, 2.5]")).containsExactly(
        "rightsize.population.closed.steps must be whole numbers of users, found 2.5: set whole numbers of concurrent users in application.conf: 1");
    assertThat(problems("population.closed.steps = \"1,x\"")).containsExactly(
        "rightsize.population.closed.steps has \"x\", which is not a number: write numbers like [1, 10, 50] or \"1,10,50\" in application.conf: 1");
    assertThat(problems("population.closed.steps = [10, 1]")).singleElement().asString()
        .startsWith("rightsize.population.closed.steps must be strictly ascending");
    assertThat(problems("population.closed.steps = []")).containsExactly(
        "rightsize.population.closed.steps need at least one step: list ascending loads > 0, e.g. [1, 10, 50], in application.conf: 1");
    assertThat(problems("population.model = ramp")).containsExactly(
        "rightsize.population.model 'ramp' is not a population model: use closed, open in application.conf: 1");
    assertThatThrownBy(() -> Population.closed(1).hold(Duration.ZERO)).hasMessage("hold must be > 0, was PT0S");
    assertThatThrownBy(() -> Population.closed(10, 1)).hasMessageStartingWith("closed population: steps must be strictly ascending");
  }

  @Test
  void openArrivalsArePoissonAtTheConfiguredRate() {
    // Gatling's own schedule for the step, drawn without running it: 10 users/s over 1,000 s.
    double rate = 10;
    Step step = new Step("10.0 users/s", rate, LoadUnit.ARRIVALS_PER_SECOND, Duration.ofSeconds(1000), false);
    List<Double> arrivals = arrivalSeconds(Population.open(rate).arrivals(step));

    assertThat((double) arrivals.size()).isCloseTo(rate * 1000, within(rate * 1000 * 0.03));
    double[] gaps = new double[arrivals.size() - 1];
    for (int i = 1; i < arrivals.size(); i++) {
      gaps[i - 1] = arrivals.get(i) - arrivals.get(i - 1);
    }
    double mean = mean(gaps);
    double sd = Math.sqrt(variance(gaps, mean));
    assertThat(mean).as("mean gap").isCloseTo(1 / rate, within(0.1 / rate));
    // Exponential gaps: the standard deviation equals the mean (it would be ~0 for evenly spaced arrivals).
    assertThat(sd / mean).as("coefficient of variation").isCloseTo(1.0, within(0.1));
    // Poisson counts: per-second counts have variance equal to their mean.
    double[] perSecond = new double[1000];
    arrivals.forEach(t -> perSecond[(int) Math.min(999, Math.floor(t))]++);
    double countMean = mean(perSecond);
    assertThat(variance(perSecond, countMean) / countMean).as("index of dispersion").isCloseTo(1.0, within(0.2));
  }

  @Test
  void closedSharesAreWholeUsersThatAddUpToTheTotal() {
    assertThat(shares(10, 3)).containsExactly(4, 3, 3);
    assertThat(shares(1, 2)).containsExactly(1, 0);
    assertThat(shares(100, 2)).containsExactly(50, 50);
    assertThat(shares(7, 1)).containsExactly(7);
    for (int count = 1; count <= 7; count++) {
      for (int total = 0; total <= 30; total++) {
        List<Integer> shares = shares(total, count);
        assertThat(shares.stream().mapToInt(Integer::intValue).sum()).as("%d users over %d", total, count).isEqualTo(total);
        assertThat(shares.get(0) - shares.get(count - 1)).as("%d users over %d: at most one apart", total, count).isBetween(0, 1);
      }
    }
  }

  @Test
  void openSharesSplitTheRateEvenly() {
    assertThat(new Share(1, 2).rate(5)).isEqualTo(2.5);
    assertThat(new Share(2, 2).rate(5)).isEqualTo(2.5);
    assertThat(new Share(3, 3).rate(1)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(Share.WHOLE.rate(0.5)).isEqualTo(0.5);
  }

  @Test
  void aShareNeedsAnIndexFromOneToCount() {
    assertThatThrownBy(() -> new Share(3, 2)).hasMessage("the load generator index must be from 1 to 2, was 3");
    assertThatThrownBy(() -> new Share(0, 2)).hasMessage("the load generator index must be from 1 to 2, was 0");
    assertThatThrownBy(() -> new Share(1, 0)).hasMessage("the number of load generators must be >= 1, was 0");
  }

  @Test
  void stepsAndWarmupKeepTheTotalsWhenShared() {
    Population whole = Population.closed(1, 10).warmup(Duration.ofSeconds(2));
    Population shared = whole.share(new Share(2, 3));
    assertThat(shared.steps()).isEqualTo(whole.steps());
    assertThat(shared.steps()).extracting(Step::label).containsExactly("1 user", "10 users");
    assertThat(shared.warmup()).isEqualTo(whole.warmup());
    assertThat(shared.warmup().orElseThrow().load()).isEqualTo(1.0);
  }

  @Test
  void openArrivalsOfAShareArePoissonAtThatShareOfTheRate() {
    Step step = new Step("10.0 users/s", 10, LoadUnit.ARRIVALS_PER_SECOND, Duration.ofSeconds(1000), false);
    List<Double> arrivals = arrivalSeconds(Population.open(10).share(new Share(2, 2)).arrivals(step));
    // 5 users/s over 1,000 s: 5,000 expected, Poisson sd ~71.
    assertThat((double) arrivals.size()).isCloseTo(5000, within(5000 * 0.04));
    assertThat(arrivals.get(arrivals.size() - 1)).as("the last arrival").isBetween(990.0, 1000.0);
  }

  @Test
  void theBuildersStartFromTheReferenceSettings() {
    assertThat(Population.closed(1, 2)).usingRecursiveComparison()
        .isEqualTo(Population.from(config("population.closed.steps = [1, 2]")));
    assertThat(Population.open(1)).usingRecursiveComparison()
        .isEqualTo(Population.from(config("population { model = open, open.steps = [1] }")));
  }

  @Test
  void describesItselfOnOneLine() {
    assertThat(Population.closed(1, 10).hold(Duration.ofSeconds(30)).describe())
        .isEqualTo("closed: 1, 10 users, 30 s each, think time 1000 ms, warm-up 4 s, each step's users started over 2.0 s");
    assertThat(Population.open(0.5, 2).thinkTime(Duration.ofSeconds(3)).describe())
        .isEqualTo("open: 0.5, 2.0 users/s (Poisson), 10 to 30 s each (until the verdict is conclusive),"
            + " think time 3000 ms between turns, warm-up 5 s");
    assertThat(Population.closed(1).hold(Duration.ofSeconds(5), Duration.ofMillis(45_500)).describe())
        .isEqualTo("closed: 1 users, 5 to 45.5 s each (until the verdict is conclusive), think time 1000 ms, warm-up 4 s,"
            + " each step's users started over 2.0 s");
  }

  @Test
  void anAdaptiveHoldRunsEachStepBetweenItsMinAndMaxHold() {
    PopulationSettings s = config("population.closed { min-hold = 3s, max-hold = 40s }");
    assertThat(Population.from(s).steps()).allSatisfy(step -> {
      assertThat(step.minDuration()).isEqualTo(Duration.ofSeconds(3));
      assertThat(step.duration()).isEqualTo(Duration.ofSeconds(40));
      assertThat(step.adaptive()).isTrue();
    });
    // A fixed hold wins over both.
    assertThat(Population.from(config("population.closed { hold = 9s }")).steps())
        .allSatisfy(step -> assertThat(step.adaptive()).isFalse())
        .extracting(Step::duration).containsOnly(Duration.ofSeconds(9));
    assertThatThrownBy(() -> Population.closed(1).hold(Duration.ofSeconds(9), Duration.ofSeconds(8)))
        .hasMessage("max-hold must be >= min-hold (PT9S), was PT8S");
  }

  @Test
  void describesTheShareOfThisLoadGenerator() {
    assertThat(Population.closed(1, 10, 50).hold(Duration.ofSeconds(30)).share(new Share(2, 3)).describe())
        .isEqualTo("closed: 1, 10, 50 users, 30 s each, think time 1000 ms, warm-up 4 s, each step's users started over 2.0 s;"
            + " load generator 2 of 3 runs 0, 3, 17 of them");
    assertThat(Population.open(0.5, 1, 5).share(new Share(1, 3)).describe())
        .isEqualTo("open: 0.5, 1.0, 5.0 users/s (Poisson), 10 to 30 s each (until the verdict is conclusive),"
            + " think time 1000 ms between turns, warm-up 5 s;"
            + " load generator 1 of 3 runs 0.167, 0.333, 1.67 users/s of them");
    assertThat(Population.closed(1, 10).share(Share.WHOLE).describe()).isEqualTo(Population.closed(1, 10).describe());
  }

  private static List<Integer> shares(int total, int count) {
    List<Integer> out = new ArrayList<>();
    for (int index = 1; index <= count; index++) {
      out.add(new Share(index, count).users(total));
    }
    return out;
  }

  @Test
  void aClosedStepStartsItsUsersEvenlyOverItsRampAndIsMeasuredOnceTheLastOneStarted() {
    ClosedPopulation p = Population.closed(1, 100).ramp(Duration.ofSeconds(2));
    List<Double> starts = arrivalSeconds(p.starts(p.steps().get(1)));
    assertThat(starts).hasSize(100);
    assertThat(starts.get(0)).isZero();
    assertThat(starts.get(99)).isCloseTo(1.98, within(1e-9));
    for (int i = 1; i < 100; i++) {
      assertThat(starts.get(i) - starts.get(i - 1)).isCloseTo(0.02, within(1e-9));
    }
    // One user, or no ramp: at once, as before.
    assertThat(arrivalSeconds(p.starts(p.steps().get(0)))).containsExactly(0.0);
    assertThat(arrivalSeconds(p.ramp(Duration.ZERO).starts(p.steps().get(1)))).hasSize(100).containsOnly(0.0);
    // A step lasts its ramp and then its hold; the warm-up's ramp lies within it.
    assertThat(p.length(p.steps().get(1))).isEqualTo(Duration.ofSeconds(2).plus(REFERENCE.closed().maxHold()));
    assertThat(p.length(p.warmup().orElseThrow())).isEqualTo(REFERENCE.closed().warmup());
    assertThat(REFERENCE.closed().ramp()).as("within the default warm-up").isLessThanOrEqualTo(REFERENCE.closed().warmup());

    // Requests sent before the last of a step's users started are the ramp's (tagged warm-up).
    StepClock clock = new StepClock(3, Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofHours(1), false, () -> false);
    clock.userStarted();
    clock.userStarted();
    assertThat(clock.ramping()).isTrue();
    clock.userStarted();
    assertThat(clock.ramping()).isFalse();
    assertThat(clock.running()).isTrue();
    assertThat(problems("population.closed.ramp = -1s")).containsExactly(
        "rightsize.population.closed.ramp is -1s: set a duration >= 0 such as 0s or 5s in application.conf: 1");
  }

  private static List<Double> arrivalSeconds(io.gatling.javaapi.core.OpenInjectionStep step) {
    scala.collection.Iterator<FiniteDuration> it =
        step.asScala().chain(scala.collection.Iterator$.MODULE$.<FiniteDuration>empty());
    List<Double> out = new ArrayList<>();
    while (it.hasNext()) {
      out.add(it.next().toNanos() / 1e9);
    }
    return out;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double variance(double[] values, double mean) {
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return sum / values.length;
  }

  private static PopulationSettings config(String hocon) {
    return RightsizeSettings.from(parse(hocon), System::getenv).population();
  }

  private static List<String> problems(String hocon) {
    return catchThrowableOfType(InvalidConfigException.class,
        () -> RightsizeSettings.from(parse(hocon), System::getenv)).problems();
  }

  /** {@code hocon} inside the rightsize block, as if written on the first lines of application.conf. */
  private static Config parse(String hocon) {
    return ConfigFactory.parseString("rightsize { " + hocon + "\n}", ConfigParseOptions.defaults().setOriginDescription("application.conf"));
  }
}
