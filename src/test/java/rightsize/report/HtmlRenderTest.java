package rightsize.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders tradeoffs.html in headless Chromium: the table and the six charts must be in the DOM,
 * the page must log nothing to the console, and the screenshot must show the series' colours.
 * Skipped when no Chromium is installed (Debian: apt-get install -y chromium). With
 * -Drightsize.update-screenshot=true the screenshot replaces docs/img/tradeoffs.png.
 */
class HtmlRenderTest {
  @TempDir static Path dir;
  static Chromium chromium;
  static Path html;

  @BeforeAll
  static void report() {
    chromium = Chromium.find(dir).orElse(null);
    Assumptions.assumeTrue(chromium != null, "chromium is not installed: apt-get install -y chromium");
    Path results = dir.resolve("results");
    Path baseline = results.resolve("night-1");
    new SyntheticRun().runId("night-1").write(baseline.resolve("records.jsonl"));
    Reports.generator().generate(baseline);
    Path run = results.resolve("night-2");
    new SyntheticRun().runId("night-2").slowdown("Standard_F4s_v2", 1.15).write(run.resolve("records.jsonl"));
    html = Reports.generator().generate(ReportRequest.of(run).withBaseline(baseline)).html();
  }

  @Test
  void theTableAndChartsRenderWithoutConsoleErrors() throws Exception {
    Chromium.Page page = chromium.dumpDom(html);
    assertThat(page.consoleLines()).isEmpty();
    assertThat(page.dom()).contains("<table id=\"tradeoffs\">").contains("<table id=\"deployments\">")
        .contains("id=\"recommendation\"");
    for (String chart : new String[] {"chart-ttft", "chart-e2e", "chart-throughput", "chart-pareto",
        "chart-ttft-input", "chart-e2e-output"}) {
      assertThat(page.dom()).contains("<svg id=\"" + chart + "\"");
    }
    assertThat(page.dom().split("<circle", -1)).hasSizeGreaterThan(40);
  }

  @Test
  void theConsoleCheckSeesAScriptError() throws Exception {
    Path broken = dir.resolve("broken.html");
    Files.writeString(broken, "<html><body><script>throw new Error('boom')</script></body></html>");
    assertThat(chromium.dumpDom(broken).consoleLines()).anySatisfy(l -> assertThat(l).contains("Uncaught Error: boom"));
  }

  @Test
  void theScreenshotShowsTheCharts() throws Exception {
    Path png = dir.resolve("tradeoffs.png");
    chromium.screenshot(html, png, 1400, 2000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1400);
    // The first three deployments' colours (#1f77b4, #d62728, #2ca02c) are drawn by the charts only.
    assertThat(pixels(image, 0x1f77b4)).isGreaterThan(500);
    assertThat(pixels(image, 0xd62728)).isGreaterThan(500);
    assertThat(pixels(image, 0x2ca02c)).isGreaterThan(500);
    if (Boolean.getBoolean("rightsize.update-screenshot")) {
      Files.createDirectories(Path.of("docs/img"));
      Files.copy(png, Path.of("docs/img/tradeoffs.png"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static long pixels(BufferedImage image, int rgb) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y) & 0xffffff;
        if (Math.abs((p >> 16) - (rgb >> 16)) < 12 && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) < 12
            && Math.abs((p & 0xff) - (rgb & 0xff)) < 12) {
          n++;
        }
      }
    }
    return n;
  }
}
