package rightsize.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.analysis.TestRecords.record;

import org.junit.jupiter.api.Test;
import rightsize.record.LoadUnit;

class StepAggregatorTest {

  @Test
  void routesRecordsToTheirStepsAndLeavesWarmupOut() {
    StepAggregator aggregator = new StepAggregator();
    assertThat(aggregator.add(record().step("warmup", 1).warmup().build())).isFalse();
    aggregator.add(record().step("50 users", 50).build());
    aggregator.add(record().step("10 users", 10).build());
    aggregator.add(record().step("10 users", 10).build());
    aggregator.add(record().deployment("A", "Standard_F8s_v2").step("1 user", 1).build());

    assertThat(aggregator.steps().keySet())
        .extracting(StepKey::deployment, StepKey::step)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("A", "1 user"),
            org.assertj.core.groups.Tuple.tuple("Standard_F2s_v2", "10 users"),
            org.assertj.core.groups.Tuple.tuple("Standard_F2s_v2", "50 users"));
    assertThat(aggregator.stats(new StepKey("Standard_F2s_v2", "Standard_F2s_v2", "10 users", 10, LoadUnit.USERS))
            .summary().requests())
        .isEqualTo(2);
  }

  @Test
  void theRecordsWarmUpFlagAndLoadUnitDecideNotItsStepLabel() {
    StepAggregator aggregator = new StepAggregator();
    assertThat(aggregator.add(record().step("warmup", 1).build())).as("a step merely named warmup").isTrue();
    assertThat(aggregator.add(record().step("ramp", 2).warmup().build())).as("a flagged warm-up").isFalse();
    aggregator.add(record().step("2 per minute", 2).unit(LoadUnit.ARRIVALS_PER_SECOND).build());

    assertThat(aggregator.steps().keySet())
        .extracting(StepKey::step, StepKey::unit)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("warmup", LoadUnit.USERS),
            org.assertj.core.groups.Tuple.tuple("2 per minute", LoadUnit.ARRIVALS_PER_SECOND));
  }

  @Test
  void mergesTheStepsOfAnotherInjector() {
    StepAggregator a = new StepAggregator();
    StepAggregator b = new StepAggregator();
    a.add(record().step("10 users", 10).build());
    b.add(record().step("10 users", 10).injector("injector-2").build());
    b.add(record().step("50 users", 50).injector("injector-2").build());
    a.merge(b);
    assertThat(a.steps()).hasSize(2);
    assertThat(a.steps().values()).extracting(s -> s.summary().requests()).containsExactly(2L, 1L);
  }
}
