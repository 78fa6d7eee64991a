package rightsize.simulations;

import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import rightsize.config.RightsizeSettings;
import rightsize.population.Population;
import rightsize.sizing.Sizing;
import rightsize.sizing.SizingPlan;
import rightsize.workload.Workload;

/**
 * Example: how each size copes with long inputs. Every user summarizes documents of a few hundred
 * to several thousand tokens, at 1, 2, 5 and 10 concurrent users.
 *
 * <p>{@code mvn gatling:test -Dgatling.simulationClass=rightsize.simulations.SummarizationSizingSimulation}
 */
public class SummarizationSizingSimulation extends Simulation {
  RightsizeSettings settings = RightsizeSettings.loadOrExit();

  Workload documents = Workload.summarization(
      Path.of("data/documents.jsonl"),
      "You are an assistant that writes accurate, concise summaries.",
      "Summarize the following document in three to five sentences.",
      150, // max_tokens: summaries are short, the load is in the prompt
      42); // seed: the order in which documents are sent

  Population users = Population.closed(1, 2, 5, 10)
      .hold(Duration.ofSeconds(30))
      .thinkTime(Duration.ofSeconds(2))
      .warmup(Duration.ofSeconds(10));

  SizingPlan plan = Sizing.of(settings).workload(documents).population(users).plan();

  {
    setUp(plan.populations()).assertions(plan.sloAssertions());
  }

  @Override
  public void after() {
    plan.finish();
  }
}
