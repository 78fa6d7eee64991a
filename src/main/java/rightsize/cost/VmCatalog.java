package rightsize.cost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rightsize.secret.ScrubbedFiles;

/**
 * The VM sizes and hourly prices of {@code data/vm-catalog.csv} (one row per size and region;
 * columns size, vcpus, memory_gib, gpu, usd_per_hour, region, price_date, source).
 */
public final class VmCatalog {
  static final String HEADER = "size,vcpus,memory_gib,gpu,usd_per_hour,region,price_date,source";

  private final List<VmSize> sizes;

  public VmCatalog(List<VmSize> sizes) {
    this.sizes = List.copyOf(sizes);
  }

  /** An empty catalog, for runs whose deployments all carry their own prices. */
  public static VmCatalog empty() {
    return new VmCatalog(List.of());
  }

  /** Reads a catalog file; each malformed row fails with its file and line named. */
  public static VmCatalog read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the VM catalog " + file + ": " + e.getMessage()
              + " (set rightsize.cost.catalog to the catalog's path)", e);
    }
    if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
      throw new IllegalArgumentException(
          file + " line 1: expected the header '" + HEADER + "'");
    }
    List<VmSize> sizes = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        sizes.add(parseRow(file, i + 1, lines.get(i)));
      }
    }
    return new VmCatalog(sizes);
  }

  /** Writes this catalog in the format {@link #read} reads. */
  public void write(Path file) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (VmSize s : sizes) {
      out.append(String.join(",",
              s.name(),
              Integer.toString(s.vcpus()),
              number(s.memoryGib()),
              Csv.quote(s.gpu()),
              number(s.usdPerHour()),
              s.region(),
              s.priceDate().toString(),
              Csv.quote(s.source())))
          .append('\n');
    }
    try {
      ScrubbedFiles.writeString(file, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the VM catalog " + file + ": " + e.getMessage(), e);
    }
  }

  public List<VmSize> sizes() {
    return sizes;
  }

  /** The row for {@code size} in {@code region}, else the first row for {@code size} in any region. */
  public Optional<VmSize> find(String size, String region) {
    return sizes.stream()
        .filter(s -> s.name().equalsIgnoreCase(size) && s.region().equalsIgnoreCase(region))
        .findFirst()
        .or(() -> sizes.stream().filter(s -> s.name().equalsIgnoreCase(size)).findFirst());
  }

  private static VmSize parseRow(Path file, int lineNumber, String line) {
    List<String> f = Csv.split(line);
    String where = file + " line " + lineNumber + ": ";
    if (f.size() != 8) {
      throw new IllegalArgumentException(where + "expected 8 columns (" + HEADER + "), found " + f.size());
    }
    try {
      return new VmSize(
          f.get(0),
          Integer.parseInt(f.get(1)),
          Double.parseDouble(f.get(2)),
          f.get(3),
          Double.parseDouble(f.get(4)),
          f.get(5),
          LocalDate.parse(f.get(6)),
          f.get(7));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(where + "bad value (" + e.getMessage() + ")", e);
    }
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
