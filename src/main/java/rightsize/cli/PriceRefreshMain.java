package rightsize.cli;

import rightsize.cost.RetailPrices;
import rightsize.cost.VmCatalog;
import rightsize.cost.VmSize;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refreshes the VM catalog's prices from the Azure Retail Prices API, or from saved responses of
 * it when the machine cannot reach the internet.
 *
 * <pre>
 * java -cp ... rightsize.cli.PriceRefreshMain [--catalog data/vm-catalog.csv] [--response saved.json ...]
 * </pre>
 */
public final class PriceRefreshMain {
  private PriceRefreshMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path catalogFile = Path.of("data/vm-catalog.csv");
    List<Path> responses = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--catalog" -> catalogFile = Path.of(value(args, ++i));
        case "--response" -> {
          while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            responses.add(Path.of(args[++i]));
          }
        }
        default -> {
          System.err.println("unknown argument " + args[i]
              + ": use --catalog <csv> and optionally --response <saved API response.json> ...");
          System.exit(2);
        }
      }
    }
    VmCatalog catalog = VmCatalog.read(catalogFile);
    List<RetailPrices.Item> items = new ArrayList<>();
    if (responses.isEmpty()) {
      items.addAll(download(catalog));
    } else {
      for (Path response : responses) {
        items.addAll(RetailPrices.parse(Files.readString(response, StandardCharsets.UTF_8)).items());
      }
    }
    RetailPrices.Refresh refresh = RetailPrices.refresh(catalog, items, LocalDate.now());
    refresh.catalog().write(catalogFile);
    refresh.changes().forEach(System.out::println);
    System.out.println("wrote " + catalogFile);
  }

  private static List<RetailPrices.Item> download(VmCatalog catalog)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    List<RetailPrices.Item> items = new ArrayList<>();
    for (VmSize size : catalog.sizes()) {
      Optional<String> url = Optional.of(RetailPrices.queryUrl(size.name(), size.region()));
      while (url.isPresent()) {
        HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(URI.create(url.get())).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IOException("prices.azure.com answered " + response.statusCode() + " for " + size.name()
              + ": retry later or pass a saved response with --response");
        }
        RetailPrices.Page page = RetailPrices.parse(response.body());
        items.addAll(page.items());
        url = page.nextPageLink();
      }
    }
    return items;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      System.err.println(args[i - 1] + " needs a value");
      System.exit(2);
    }
    return args[i];
  }
}
