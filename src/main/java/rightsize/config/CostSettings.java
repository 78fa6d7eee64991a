package rightsize.config;

import java.nio.file.Path;

/**
 * What the cost figures are computed from besides each deployment's own pricing: the VM catalog
 * ({@code rightsize.cost.catalog}) and, for deployments found in records but no longer
 * configured, the instance count and pricing of {@code deployment-defaults}.
 *
 * @param catalog the VM catalog CSV, relative to the working directory unless absolute
 * @param defaultInstanceCount {@code deployment-defaults.instance-count}
 * @param defaultPricing {@code deployment-defaults.pricing}
 */
public record CostSettings(Path catalog, int defaultInstanceCount, PricingSettings defaultPricing) {

  /** Reads the cost block and the pricing part of the deployment-defaults block. */
  static CostSettings read(Section cost, Section deploymentDefaults) {
    int mark = cost.mark();
    String catalog = cost.required("catalog");
    Integer instances = deploymentDefaults.integer("instance-count", 1);
    PricingSettings pricing = PricingSettings.read(deploymentDefaults.child("pricing"));
    return cost.failedSince(mark) ? null : new CostSettings(Path.of(catalog), instances, pricing);
  }
}
