package rightsize.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rightsize.config.PricingMode;
import rightsize.config.PricingSettings;

/**
 * What one deployment costs: its billing mode, how many billed units it runs (instances or
 * provisioned throughput units) at what hourly price, and its per-token prices when given.
 *
 * @param units instances (managed compute) or PTUs (provisioned); 0 for pay-per-token
 * @param unitPricePerHour price of one unit for one hour, or null when no price is known
 * @param currency the currency of every price of this deployment (catalog prices are USD)
 * @param priceSource where the hourly price comes from (catalog row or config)
 * @param inputPer1m price of 1M uncached input tokens, 0 when not given
 * @param cachedInputPer1m price of 1M cached input tokens, 0 when not given (then the input price applies)
 * @param outputPer1m price of 1M output tokens, 0 when not given
 * @param notes what the reader must know about these prices (missing, assumed, other region)
 */
public record DeploymentPricing(
    String deployment,
    String vmSize,
    PricingMode mode,
    int units,
    Double unitPricePerHour,
    String currency,
    String region,
    String priceSource,
    double inputPer1m,
    double cachedInputPer1m,
    double outputPer1m,
    List<String> notes) {

  public DeploymentPricing {
    notes = List.copyOf(notes);
  }

  /**
   * Resolves the prices of deployment {@code name} from its configured {@code pricing}: config
   * overrides first, then the catalog row of its VM size.
   */
  public static DeploymentPricing of(String name, String vmSize, int instanceCount, PricingSettings pricing, VmCatalog catalog) {
    PricingMode mode = pricing.mode();
    String currency = pricing.currency();
    String region = pricing.region();
    List<String> notes = new ArrayList<>();
    int units = 0;
    Double unitPrice = null;
    String source = "";
    switch (mode) {
      case MANAGED_COMPUTE -> {
        units = instanceCount;
        if (pricing.usdPerHour() > 0) {
          unitPrice = pricing.usdPerHour();
          source = "config (pricing.usd-per-hour)";
        } else {
          VmSize row = catalog.find(vmSize, region).orElse(null);
          if (row == null) {
            notes.add("no price for " + (vmSize.isEmpty() ? "an empty vm-size" : vmSize)
                + " in the VM catalog: add it to data/vm-catalog.csv or set pricing.usd-per-hour");
          } else if (!currency.equals("USD")) {
            notes.add("the catalog price of " + vmSize + " is USD but pricing.currency is "
                + currency + ": set pricing.usd-per-hour to the " + currency + " price");
          } else {
            unitPrice = row.usdPerHour();
            source = "catalog: " + row.region() + ", " + row.priceDate() + ", " + row.source();
            if (!row.region().equalsIgnoreCase(region)) {
              notes.add("price of " + row.region() + ", not " + region
                  + ": set pricing.usd-per-hour for " + region);
            }
          }
        }
      }
      case PROVISIONED -> {
        units = pricing.units();
        if (units <= 0 || pricing.usdPerUnitHour() <= 0) {
          notes.add("provisioned pricing needs pricing.units and pricing.usd-per-unit-hour");
        } else {
          unitPrice = pricing.usdPerUnitHour();
          source = "config (pricing.usd-per-unit-hour)";
        }
      }
      case PAY_PER_TOKEN -> {
        if (pricing.inputPer1m() <= 0 && pricing.outputPer1m() <= 0) {
          notes.add("pay-per-token pricing needs pricing.input-per-1m and pricing.output-per-1m");
        }
        source = "config (pricing.*-per-1m)";
      }
    }
    return new DeploymentPricing(
        name, vmSize, mode, units, unitPrice, currency, region, source,
        pricing.inputPer1m(), pricing.cachedInputPer1m(), pricing.outputPer1m(), notes);
  }

  /** What the deployment costs per hour as configured, or null for pay-per-token or an unknown price. */
  public Double hourly() {
    return mode.hourly() && unitPricePerHour != null ? units * unitPricePerHour : null;
  }

  /** True when per-token prices are given (a pay-per-token deployment, or a reference for break-even). */
  public boolean hasTokenPrices() {
    return inputPer1m > 0 || outputPer1m > 0;
  }

  /** What {@code prompt} input tokens, {@code cached} of them cached, and {@code completion} output tokens cost per token. */
  public double tokenCost(long prompt, long cached, long completion) {
    double cachedPrice = cachedInputPer1m > 0 ? cachedInputPer1m : inputPer1m;
    return ((prompt - cached) * inputPer1m + cached * cachedPrice + completion * outputPer1m) / 1e6;
  }

  /** "instance" or "PTU": what {@link #units} counts. */
  public String unitName() {
    return mode == PricingMode.PROVISIONED ? "PTU" : "instance";
  }

  /** "1 instance", "3 instances", "50 PTUs". */
  public String units(int count) {
    return count + " " + unitName() + (count == 1 ? "" : "s");
  }

  /** {@code amount} in this deployment's currency, e.g. "$1.88" or "1.88 EUR". */
  public String format(double amount) {
    return Money.format(amount, currency);
  }

  /** One line naming mode, units and prices, e.g. "managed-compute: 2 x Standard_F4s_v2 at $0.169/h". */
  public String describe() {
    return switch (mode) {
      case MANAGED_COMPUTE -> mode.configName() + ": " + units + " x " + (vmSize.isEmpty() ? "(no vm-size)" : vmSize)
          + (unitPricePerHour == null ? " (no price)" : " at " + format(unitPricePerHour) + "/h");
      case PROVISIONED -> mode.configName() + ": " + units + " PTU"
          + (unitPricePerHour == null ? " (no price)" : " at " + format(unitPricePerHour) + "/PTU-hour");
      case PAY_PER_TOKEN -> String.format(Locale.ROOT, "%s: %s input / %s cached / %s output per 1M tokens",
          mode.configName(), format(inputPer1m),
          format(cachedInputPer1m > 0 ? cachedInputPer1m : inputPer1m), format(outputPer1m));
    };
  }
}
