package rightsize.cli;

import rightsize.cost.RetailPrices;
import rightsize.cost.VmCatalog;
import rightsize.cost.VmSize;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Refreshes the VM catalog's prices from the Azure Retail Prices API, or from saved responses of
 * it when the machine cannot reach the internet.
 *
 * <pre>
 * java -cp ... rightsize.cli.PriceRefreshMain [--catalog data/vm-catalog.csv] [--response saved.json ...]
 * </pre>
 */
@Command(
    name = "PriceRefreshMain",
    mixinStandardHelpOptions = true,
    description = "Rewrites the hourly prices of the VM catalog from the Azure Retail Prices API (Linux,"
        + " pay-as-you-go, USD) or from saved responses of it; rows no answer covers stay as they were.")
public final class PriceRefreshMain implements Callable<Integer> {
  @Option(names = "--catalog", defaultValue = "data/vm-catalog.csv", paramLabel = "CSV",
      description = "The catalog to refresh (default ${DEFAULT-VALUE}).")
  private Path catalogFile;

  @Option(names = "--response", arity = "1..*", paramLabel = "JSON",
      description = "Saved API responses to read instead of querying prices.azure.com.")
  private List<Path> responses = new ArrayList<>();

  @Spec private CommandSpec spec;

  PriceRefreshMain() {}

  public static void main(String[] args) {
    CommandRunner.exitWith(new PriceRefreshMain(), args);
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!Files.isRegularFile(catalogFile)) {
      throw new ParameterException(
          spec.commandLine(), "--catalog " + catalogFile + " does not exist: give the path of the VM catalog CSV");
    }
    VmCatalog catalog = VmCatalog.read(catalogFile);
    List<RetailPrices.Item> items = new ArrayList<>();
    if (responses.isEmpty()) {
      items.addAll(download(catalog));
    } else {
      for (Path response : responses) {
        if (!Files.isRegularFile(response)) {
          throw new ParameterException(
              spec.commandLine(), "--response " + response + " does not exist: give the path of a saved API response");
        }
        try {
          items.addAll(RetailPrices.parse(Files.readString(response, StandardCharsets.UTF_8)).items());
        } catch (IllegalArgumentException | UncheckedIOException e) {
          throw new IllegalArgumentException("--response " + response + ": " + e.getMessage(), e);
        }
      }
    }
    RetailPrices.Refresh refresh = RetailPrices.refresh(catalog, items, LocalDate.now());
    refresh.catalog().write(catalogFile);
    PrintWriter out = spec.commandLine().getOut();
    refresh.changes().forEach(out::println);
    out.println("wrote " + catalogFile);
    return 0;
  }

  private static List<RetailPrices.Item> download(VmCatalog catalog)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    List<RetailPrices.Item> items = new ArrayList<>();
    for (VmSize size : catalog.sizes()) {
      Optional<String> url = Optional.of(RetailPrices.queryUrl(size.name(), size.region()));
      while (url.isPresent()) {
        HttpResponse<String> response;
        try {
          response = http.send(
              HttpRequest.newBuilder(URI.create(url.get())).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
          // Connection failures often carry no message of their own.
          throw new IOException("cannot reach prices.azure.com (" + e + "): check the network"
              + " or pass a saved response with --response", e);
        }
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
}
