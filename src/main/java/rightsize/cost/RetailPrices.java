package rightsize.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads responses of the Azure Retail Prices API ({@code https://prices.azure.com/api/retail/prices})
 * and updates catalog rows with the Linux pay-as-you-go hourly price they contain.
 */
public final class RetailPrices {
  static final String API = "https://prices.azure.com/api/retail/prices";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RetailPrices() {}

  /** One item of a response, with the fields the refresh looks at. */
  public record Item(
      String armSkuName,
      String armRegionName,
      double retailPrice,
      String currencyCode,
      String unitOfMeasure,
      String type,
      String meterName,
      String productName,
      String effectiveStartDate) {

    /** True for the Linux pay-as-you-go price per hour (not Spot, Low Priority, Windows, reservation or Dev/Test). */
    public boolean linuxPayAsYouGoHourly() {
      return "Consumption".equals(type)
          && "1 Hour".equals(unitOfMeasure)
          && !meterName.contains("Spot")
          && !meterName.contains("Low Priority")
          && !productName.contains("Windows");
    }
  }

  /** One page of a response: its items and the link to the next page, if any. */
  public record Page(List<Item> items, Optional<String> nextPageLink) {}

  /** Parses one response body. */
  public static Page parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not an Azure Retail Prices API response: " + e.getMessage(), e);
    }
    if (root == null || !root.path("Items").isArray()) {
      throw new IllegalArgumentException("not an Azure Retail Prices API response: no Items array");
    }
    List<Item> items = new ArrayList<>();
    for (JsonNode i : root.get("Items")) {
      items.add(new Item(
          i.path("armSkuName").asText(""),
          i.path("armRegionName").asText(""),
          i.path("retailPrice").asDouble(),
          i.path("currencyCode").asText("USD"),
          i.path("unitOfMeasure").asText(""),
          i.path("type").asText(""),
          i.path("meterName").asText(""),
          i.path("productName").asText(""),
          i.path("effectiveStartDate").asText("")));
    }
    String next = root.path("NextPageLink").asText("");
    return new Page(items, next.isEmpty() ? Optional.empty() : Optional.of(next));
  }

  /** The first-page query for the Linux pay-as-you-go price of {@code size} in {@code region}. */
  public static String queryUrl(String size, String region) {
    String filter = String.format(Locale.ROOT,
        "serviceName eq 'Virtual Machines' and armRegionName eq '%s' and armSkuName eq '%s'"
            + " and priceType eq 'Consumption'", region, size);
    return API + "?$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The catalog after a refresh, and one line per size saying what happened to it. */
  public record Refresh(VmCatalog catalog, List<String> changes) {}

  /** Updates every catalog row for which {@code items} hold a Linux pay-as-you-go USD price in its region. */
  public static Refresh refresh(VmCatalog catalog, List<Item> items, LocalDate today) {
    List<VmSize> sizes = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    for (VmSize size : catalog.sizes()) {
      Optional<Item> found = items.stream()
          .filter(i -> i.armSkuName().equalsIgnoreCase(size.name()))
          .filter(i -> i.armRegionName().equalsIgnoreCase(size.region()))
          .filter(i -> "USD".equals(i.currencyCode()))
          .filter(Item::linuxPayAsYouGoHourly)
          .findFirst();
      if (found.isEmpty()) {
        sizes.add(size);
        changes.add(size.name() + " " + size.region() + ": no Linux pay-as-you-go price in the response, kept "
            + size.usdPerHour());
        continue;
      }
      Item item = found.get();
      sizes.add(size.withPrice(item.retailPrice(), today,
          "Azure Retail Prices API, " + item.productName() + ", effective " + item.effectiveStartDate()));
      changes.add(size.name() + " " + size.region() + ": " + size.usdPerHour() + " -> " + item.retailPrice());
    }
    return new Refresh(new VmCatalog(sizes), changes);
  }
}
