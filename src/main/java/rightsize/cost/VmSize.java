package rightsize.cost;

import java.time.LocalDate;

/**
 * One row of the VM catalog: an Azure VM size with its shape and its dated, sourced hourly price.
 *
 * @param name the ARM size name, e.g. Standard_F4s_v2
 * @param gpu the GPU it carries, e.g. "1x NVIDIA T4", or empty for none
 * @param usdPerHour Linux pay-as-you-go price per instance-hour in {@code region}
 * @param priceDate when the price was taken into the catalog
 * @param source where the price comes from
 */
public record VmSize(
    String name,
    int vcpus,
    double memoryGib,
    String gpu,
    double usdPerHour,
    String region,
    LocalDate priceDate,
    String source) {

  /** This size with a newer price. */
  public VmSize withPrice(double newUsdPerHour, LocalDate newPriceDate, String newSource) {
    return new VmSize(name, vcpus, memoryGib, gpu, newUsdPerHour, region, newPriceDate, newSource);
  }
}
