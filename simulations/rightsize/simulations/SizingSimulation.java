package rightsize.simulations;

import io.gatling.javaapi.core.Simulation;
import rightsize.config.RightsizeSettings;
import rightsize.population.Population;
import rightsize.sizing.Sizing;
import rightsize.sizing.SizingPlan;
import rightsize.workload.Workload;

/**
 * The default sizing run ({@code mvn gatling:test}): every configured deployment, one after
 * another, under the configured workload and population, reporting the largest step each one
 * holds within the SLO.
 *
 * <p>Everything comes from configuration (reference.conf, ./application.conf, -Dconfig.file, -D);
 * docs/running.md lists the settings. To fix a choice in code instead, replace a right-hand side,
 * for example {@code Population.closed(1, 5, 20).hold(Duration.ofSeconds(60))}.
 */
public class SizingSimulation extends Simulation {

  // Configuration: reference.conf < ./application.conf < -Dconfig.file < -D (e.g. -Dsizes=Standard_F4s_v2).
  RightsizeSettings settings = RightsizeSettings.loadOrExit();

  // What each virtual user sends: chatbot conversations (default), documents to summarize, or
  // synthetic prompts of a set length (rightsize.workload).
  Workload workload = Workload.from(settings.workload());

  // How many users, for how long: closed steps of 1, 10, 50 and 100 concurrent users by default,
  // or an open model of arrival rates (rightsize.population).
  Population population = Population.from(settings.population());

  // Where: each configured deployment (VM size) in turn, judged against the SLO (rightsize.slo);
  // a size stops at the first step that clearly breaks it.
  SizingPlan plan = Sizing.of(settings).workload(workload).population(population).plan();

  {
    setUp(plan.populations()).assertions(plan.sloAssertions());
  }

  @Override
  public void after() {
    // Judges the last step, prints each size's capacity, writes capacity.json and closes the run.
    plan.finish();
  }
}
