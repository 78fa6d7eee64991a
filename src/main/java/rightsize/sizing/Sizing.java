package rightsize.sizing;

import java.util.List;
import rightsize.config.DeploymentSettings;
import rightsize.config.RightsizeSettings;
import rightsize.config.Slo;
import rightsize.population.Population;
import rightsize.population.Share;
import rightsize.workload.Workload;

/**
 * A sizing test plan: the same workload and population run against each deployment in turn,
 * judged against the SLO, with the capacity search skipping a deployment's steps once one breaks it
 * with 95% confidence, and adaptive steps holding until their verdict is conclusive. Immutable; {@link #plan()} turns it into what a Gatling simulation sets up.
 */
public final class Sizing {
  // Package-private: SizingPlan reads the plan it was built from.
  final List<DeploymentSettings> deployments;
  final Workload workload;
  final Population population;
  final Slo slo;
  final boolean enforceSlo;
  final boolean capacitySearch;
  final Share share;

  private Sizing(
      List<DeploymentSettings> deployments,
      Workload workload,
      Population population,
      Slo slo,
      boolean enforceSlo,
      boolean capacitySearch,
      Share share) {
    this.deployments = List.copyOf(deployments);
    this.workload = workload;
    this.population = population;
    this.slo = slo;
    this.enforceSlo = enforceSlo;
    this.capacitySearch = capacitySearch;
    this.share = share;
  }

  /**
   * The configured deployments (filtered by {@code -Dsizes}), SLO ({@code rightsize.slo}),
   * capacity search ({@code rightsize.sizing}) and this load generator's share of the population
   * ({@code rightsize.run.injectors}); the workload and population are set next.
   */
  public static Sizing of(RightsizeSettings settings) {
    return new Sizing(
        settings.deployments(),
        null,
        null,
        settings.slo().objective(),
        settings.slo().enforce(),
        settings.sizing().capacitySearch(),
        new Share(settings.run().injectorIndex(), settings.run().injectorCount()));
  }

  /** The same plan with only these deployments. */
  public Sizing deployments(List<DeploymentSettings> newDeployments) {
    return new Sizing(newDeployments, workload, population, slo, enforceSlo, capacitySearch, share);
  }

  /** What every virtual user sends. */
  public Sizing workload(Workload newWorkload) {
    return new Sizing(deployments, newWorkload, population, slo, enforceSlo, capacitySearch, share);
  }

  /**
   * How many users load each deployment, step by step, written as totals: when several load
   * generators share the test, the plan injects only this one's share of each step.
   */
  public Sizing population(Population newPopulation) {
    return new Sizing(deployments, workload, newPopulation, slo, enforceSlo, capacitySearch, share);
  }

  /**
   * The SLO that defines capacity; when {@code enforce} it also becomes Gatling assertions, so a
   * broken SLO fails the build (nightly gates), otherwise it is only reported.
   */
  public Sizing slo(Slo newSlo, boolean enforce) {
    return new Sizing(deployments, workload, population, newSlo, enforce, capacitySearch, share);
  }

  /** Whether to stop a deployment's sweep at the first step that breaks the SLO with 95% confidence. */
  public Sizing capacitySearch(boolean enabled) {
    return new Sizing(deployments, workload, population, slo, enforceSlo, enabled, share);
  }

  /** Builds the Gatling populations, assertions and the live capacity search of this plan. */
  public SizingPlan plan() {
    if (deployments.isEmpty()) {
      throw new IllegalArgumentException(
          "no deployment to size: check rightsize.deployments and -Dsizes (docs/running.md)");
    }
    if (workload == null) {
      throw new IllegalStateException("Sizing needs a workload: call .workload(...) before .plan()");
    }
    if (population == null) {
      throw new IllegalStateException("Sizing needs a population: call .population(...) before .plan()");
    }
    return new SizingPlan(this);
  }
}
