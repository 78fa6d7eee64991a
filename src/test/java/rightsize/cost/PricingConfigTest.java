package rightsize.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.config.PricingMode;
import rightsize.config.RightsizeSettings;

class PricingConfigTest {
  private static final Path PROJECT = Path.of("").toAbsolutePath();

  private static RightsizeSettings rightsize(String overrides) {
    return RightsizeSettings.from(
        ConfigFactory.parseString(overrides, ConfigParseOptions.defaults().setOriginDescription("application.conf")),
        Map.<String, String>of()::get);
  }

  @Test
  void theCatalogHoldsTheDatedSourcedSizes() {
    VmCatalog catalog = VmCatalog.read(PROJECT.resolve("data/vm-catalog.csv"));
    assertThat(catalog.sizes()).hasSize(8);
    VmSize f4 = catalog.find("Standard_F4s_v2", "eastus").orElseThrow();
    assertThat(f4.vcpus()).isEqualTo(4);
    assertThat(f4.memoryGib()).isEqualTo(8);
    assertThat(f4.usdPerHour()).isEqualTo(0.169);
    assertThat(f4.priceDate()).isEqualTo(LocalDate.of(2026, 11, 26));
    assertThat(f4.source()).contains("pay-as-you-go");
    assertThat(catalog.find("Standard_NC4as_T4_v3", "eastus").orElseThrow().gpu()).isEqualTo("1x NVIDIA T4");
  }

  @Test
  void theDefaultDeploymentsArePricedFromTheCatalog() {
    PriceList prices = PriceList.of(rightsize(""), PROJECT);
    DeploymentPricing f2 = prices.forDeployment("Standard_F2s_v2", "Standard_F2s_v2");
    assertThat(f2.mode()).isEqualTo(PricingMode.MANAGED_COMPUTE);
    assertThat(f2.units()).isEqualTo(1);
    assertThat(f2.hourly()).isEqualTo(0.0846);
    assertThat(f2.priceSource()).startsWith("catalog: eastus, 2026-11-26");
    assertThat(f2.notes()).isEmpty();
    assertThat(prices.warnings()).isEmpty();
  }

  @Test
  void overridesPerDeploymentWin() {
    RightsizeSettings c = rightsize("""
        rightsize.deployments = [
          { name = reserved, vm-size = Standard_F4s_v2, instance-count = 3, pricing.usd-per-hour = 0.1 },
          { name = paris, vm-size = Standard_F4s_v2, pricing.region = francecentral },
          { name = euro, vm-size = Standard_F4s_v2, pricing.currency = EUR },
          { name = unknown, vm-size = Standard_Z9 },
          { name = ptu, vm-size = "", pricing { mode = provisioned, units = 50, usd-per-unit-hour = 1.0 } },
          { name = mini, vm-size = "", pricing { mode = pay-per-token, input-per-1m = 0.15, output-per-1m = 0.6 } }
        ]""");
    PriceList prices = PriceList.of(c, PROJECT);
    assertThat(prices.forDeployment("reserved", "").hourly()).isEqualTo(0.3, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(prices.forDeployment("reserved", "").priceSource()).isEqualTo("config (pricing.usd-per-hour)");
    assertThat(prices.forDeployment("paris", "").notes())
        .containsExactly("price of eastus, not francecentral: set pricing.usd-per-hour for francecentral");
    DeploymentPricing euro = prices.forDeployment("euro", "");
    assertThat(euro.hourly()).isNull();
    assertThat(euro.notes().get(0)).contains("set pricing.usd-per-hour to the EUR price");
    assertThat(euro.format(1.5)).isEqualTo("1.50 EUR");
    assertThat(prices.forDeployment("unknown", "").notes().get(0))
        .contains("no price for Standard_Z9 in the VM catalog");
    assertThat(prices.forDeployment("ptu", "").hourly()).isEqualTo(50.0);
    DeploymentPricing mini = prices.forDeployment("mini", "");
    assertThat(mini.hourly()).isNull();
    assertThat(mini.hasTokenPrices()).isTrue();
    assertThat(prices.payPerTokenReference(prices.forDeployment("reserved", ""))).contains(mini);
  }

  @Test
  void aDeploymentOnlyInTheRecordsIsPricedFromItsVmSize() {
    DeploymentPricing p =
        PriceList.of(rightsize(""), PROJECT).forDeployment("old-name", "Standard_F8s_v2");
    assertThat(p.hourly()).isEqualTo(0.338);
    assertThat(p.notes().get(0)).contains("not in the configured deployments").contains("1 instance assumed");
  }

  @Test
  void aBadModeIsOneClearLine() {
    // Found before any load, with the rest of the configuration: not when the report prices the run.
    assertThatThrownBy(() -> rightsize("rightsize.deployments = [ { name = a, vm-size = x, pricing.mode = hourly } ]"))
        .hasMessage("rightsize.deployments[0].pricing.mode 'hourly' is not a pricing mode: use managed-compute,"
            + " pay-per-token, provisioned for deployment 'a' in application.conf: 1");
  }

  @Test
  void aMissingCatalogLeavesAWarningAndConfiguredPrices(@TempDir Path dir) {
    PriceList prices = PriceList.of(rightsize(""), dir);
    assertThat(prices.warnings()).singleElement().asString().contains("not found");
    assertThat(prices.forDeployment("Standard_F2s_v2", "Standard_F2s_v2").hourly()).isNull();
  }

  @Test
  void aMalformedCatalogRowNamesFileAndLine(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("vm.csv");
    Files.writeString(csv, VmCatalog.HEADER + "\nStandard_F2s_v2,2,4,,cheap,eastus,2026-01-01,x\n");
    assertThatThrownBy(() -> VmCatalog.read(csv))
        .hasMessageStartingWith(csv + " line 2: bad value");
  }
}
