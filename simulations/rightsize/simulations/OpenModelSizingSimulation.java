package rightsize.simulations;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import rightsize.config.RightsizeSettings;
import rightsize.population.Population;
import rightsize.sizing.Sizing;
import rightsize.sizing.SizingPlan;
import rightsize.workload.Workload;

/**
 * Example: traffic that does not wait for answers. New chat users arrive at random (Poisson) at
 * 0.5, 1, 2 and 4 per second; each sends one conversation and leaves. An overloaded size shows
 * growing queues and errors instead of fewer requests.
 *
 * <p>{@code mvn gatling:test -Dgatling.simulationClass=rightsize.simulations.OpenModelSizingSimulation}
 */
public class OpenModelSizingSimulation extends Simulation {
  RightsizeSettings settings = RightsizeSettings.loadOrExit();

  Workload chat = Workload.from(settings.workload());

  Population arrivals = Population.open(0.5, 1, 2, 4)
      .hold(Duration.ofSeconds(30))
      .thinkTime(Duration.ofSeconds(3))
      .warmup(Duration.ofSeconds(10));

  SizingPlan plan = Sizing.of(settings).workload(chat).population(arrivals).plan();

  {
    setUp(plan.populations()).assertions(plan.sloAssertions());
  }

  @Override
  public void after() {
    plan.finish();
  }
}
