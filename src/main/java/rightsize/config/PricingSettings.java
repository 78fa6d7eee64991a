package rightsize.config;

/**
 * The {@code pricing} block of one deployment (merged over {@code deployment-defaults}): how it is
 * billed and the prices that override the VM catalog. Zero means "not given".
 *
 * @param mode how the deployment is billed
 * @param usdPerHour the hourly price of one instance, overriding the catalog price of its VM size
 * @param region the Azure region whose catalog price applies
 * @param currency the currency of every price of the deployment
 * @param inputPer1m the price of 1M uncached input tokens
 * @param cachedInputPer1m the price of 1M cached input tokens
 * @param outputPer1m the price of 1M output tokens
 * @param units provisioned throughput units
 * @param usdPerUnitHour the hourly price of one provisioned unit
 */
public record PricingSettings(
    PricingMode mode,
    double usdPerHour,
    String region,
    String currency,
    double inputPer1m,
    double cachedInputPer1m,
    double outputPer1m,
    int units,
    double usdPerUnitHour) {

  static PricingSettings read(Section s) {
    int mark = s.mark();
    PricingMode mode = s.choice("mode", "a pricing mode", PricingMode.class);
    Double usdPerHour = s.nonNegative("usd-per-hour");
    String region = s.required("region");
    String currency = s.required("currency");
    Double input = s.nonNegative("input-per-1m");
    Double cached = s.nonNegative("cached-input-per-1m");
    Double output = s.nonNegative("output-per-1m");
    Integer units = s.integer("units", 0);
    Double unitHour = s.nonNegative("usd-per-unit-hour");
    if (s.failedSince(mark)) {
      return null;
    }
    return new PricingSettings(mode, usdPerHour, region, currency, input, cached,
        output, units, unitHour);
  }
}
