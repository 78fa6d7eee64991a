package rightsize.cost;

import rightsize.cli.PriceRefreshMain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetailPricesTest {
  private static final Path SAVED = Path.of("src/test/resources/rightsize/cost/retail-prices-eastus.json");

  @Test
  void takesOnlyTheLinuxPayAsYouGoHourlyPriceOfTheRowsRegion() throws Exception {
    RetailPrices.Page page = RetailPrices.parse(Files.readString(SAVED));
    assertThat(page.items()).hasSize(6);
    assertThat(page.nextPageLink()).hasValueSatisfying(link -> assertThat(link).contains("$skip=100"));
    assertThat(page.items()).filteredOn(RetailPrices.Item::linuxPayAsYouGoHourly)
        .extracting(RetailPrices.Item::retailPrice).containsExactlyInAnyOrder(0.17, 0.172);

    VmCatalog catalog = VmCatalog.read(Path.of("data/vm-catalog.csv"));
    RetailPrices.Refresh refresh = RetailPrices.refresh(catalog, page.items(), LocalDate.of(2027, 1, 2));
    VmSize f4 = refresh.catalog().find("Standard_F4s_v2", "eastus").orElseThrow();
    assertThat(f4.usdPerHour()).isEqualTo(0.172);
    assertThat(f4.priceDate()).isEqualTo(LocalDate.of(2027, 1, 2));
    assertThat(f4.source()).isEqualTo(
        "Azure Retail Prices API, Virtual Machines FSv2 Series, effective 2025-06-01T00:00:00Z");
    assertThat(refresh.catalog().find("Standard_F2s_v2", "eastus").orElseThrow().usdPerHour())
        .isEqualTo(0.0846);
    assertThat(refresh.changes()).contains("Standard_F4s_v2 eastus: 0.169 -> 0.172");
  }

  @Test
  void theCommandRewritesTheCatalogFromASavedResponse(@TempDir Path dir) throws Exception {
    Path catalog = dir.resolve("vm-catalog.csv");
    Files.copy(Path.of("data/vm-catalog.csv"), catalog);
    PriceRefreshMain.main(new String[] {"--catalog", catalog.toString(), "--response", SAVED.toString()});
    VmCatalog refreshed = VmCatalog.read(catalog);
    assertThat(refreshed.sizes()).hasSize(8);
    assertThat(refreshed.find("Standard_F4s_v2", "eastus").orElseThrow().usdPerHour()).isEqualTo(0.172);
    // Rows the response did not cover survive the rewrite unchanged, sources with commas included.
    assertThat(refreshed.find("Standard_NC40ads_H100_v5", "eastus").orElseThrow())
        .isEqualTo(VmCatalog.read(Path.of("data/vm-catalog.csv"))
            .find("Standard_NC40ads_H100_v5", "eastus").orElseThrow());
  }

  @Test
  void theQueryFiltersOnSizeRegionAndConsumption() {
    assertThat(RetailPrices.queryUrl("Standard_F4s_v2", "eastus"))
        .isEqualTo("https://prices.azure.com/api/retail/prices?$filter=serviceName%20eq%20%27Virtual%20Machines%27"
            + "%20and%20armRegionName%20eq%20%27eastus%27%20and%20armSkuName%20eq%20%27Standard_F4s_v2%27"
            + "%20and%20priceType%20eq%20%27Consumption%27");
  }
}
