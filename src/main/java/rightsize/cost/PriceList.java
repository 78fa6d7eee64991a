package rightsize.cost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rightsize.config.CostSettings;
import rightsize.config.DeploymentSettings;
import rightsize.config.PricingMode;
import rightsize.config.RightsizeSettings;

/**
 * The prices of every deployment of a run: the configured deployments resolved against the VM
 * catalog, and a fallback with the deployment defaults for deployments found in records but not in
 * config.
 */
public final class PriceList {
  private final VmCatalog catalog;
  private final CostSettings cost;
  private final Map<String, DeploymentPricing> configured = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();

  private PriceList(VmCatalog catalog, List<DeploymentSettings> deployments, CostSettings cost) {
    this.catalog = catalog;
    this.cost = cost;
    for (DeploymentSettings d : deployments) {
      configured.put(d.name(), DeploymentPricing.of(d.name(), d.vmSize(), d.instanceCount(), d.pricing(), catalog));
    }
  }

  private static PriceList of(VmCatalog catalog, RightsizeSettings settings) {
    return new PriceList(catalog, settings.allDeployments(), settings.cost());
  }

  /**
   * Reads the catalog named by {@code cost.catalog} (relative paths against {@code baseDir}); a
   * missing catalog leaves only configured prices and a warning.
   */
  public static PriceList of(RightsizeSettings settings, Path baseDir) {
    Path file = baseDir.resolve(settings.cost().catalog());
    if (!Files.exists(file)) {
      PriceList list = of(VmCatalog.empty(), settings);
      list.warnings.add("VM catalog " + file + " not found: only prices set in config are used "
          + "(set rightsize.cost.catalog)");
      return list;
    }
    return of(VmCatalog.read(file), settings);
  }

  /**
   * The pricing of deployment {@code name}; one missing from config is priced as {@code vmSize}
   * with the deployment defaults and a note that its instance count is assumed.
   */
  public DeploymentPricing forDeployment(String name, String vmSize) {
    DeploymentPricing known = configured.get(name);
    if (known != null) {
      return known;
    }
    DeploymentPricing priced = DeploymentPricing.of(
        name, vmSize == null ? "" : vmSize, cost.defaultInstanceCount(), cost.defaultPricing(), catalog);
    List<String> notes = new ArrayList<>(priced.notes());
    notes.add(0, "not in the configured deployments: priced with deployment-defaults ("
        + priced.units(priced.units()) + " assumed)");
    return new DeploymentPricing(priced.deployment(), priced.vmSize(), priced.mode(), priced.units(),
        priced.unitPricePerHour(), priced.currency(), priced.region(), priced.priceSource(),
        priced.inputPer1m(), priced.cachedInputPer1m(), priced.outputPer1m(), notes);
  }

  /**
   * The per-token prices an hourly deployment is compared with: its own when given, else those of
   * the first configured pay-per-token deployment with prices.
   */
  public Optional<DeploymentPricing> payPerTokenReference(DeploymentPricing hourly) {
    if (hourly.hasTokenPrices()) {
      return Optional.of(hourly);
    }
    return configured.values().stream()
        .filter(p -> p.mode() == PricingMode.PAY_PER_TOKEN && p.hasTokenPrices())
        .filter(p -> p.currency().equals(hourly.currency()))
        .findFirst();
  }

  public VmCatalog catalog() {
    return catalog;
  }

  /** Problems met while loading prices, for the report. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }
}
