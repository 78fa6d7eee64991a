package rightsize.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The vCPUs of each VM size in the VM catalog ({@code rightsize.cost.catalog}, columns size and
 * vcpus first), read when an emulated application first needs them: the settings layer may not use
 * {@code rightsize.cost}, and only the size and vCPU columns matter here.
 */
final class VmCores {
  private final String catalog;
  private Map<String, Integer> bySize;
  private String unreadable;

  /** The cores of the catalog at {@code catalog} (relative to the working directory), or of none when null. */
  VmCores(String catalog) {
    this.catalog = catalog;
  }

  /** The catalog's path as configured, for messages. */
  String catalog() {
    return catalog;
  }

  /** vCPUs of {@code vmSize} (case-insensitive), or null when the catalog lacks it or cannot be read. */
  Integer of(String vmSize) {
    if (bySize == null) {
      bySize = read();
    }
    return bySize.get(vmSize.toLowerCase(Locale.ROOT));
  }

  /** Why the catalog could not be read, or null when it was (or was not needed yet). */
  String unreadable() {
    return unreadable;
  }

  private Map<String, Integer> read() {
    Map<String, Integer> cores = new HashMap<>();
    if (catalog == null || catalog.isBlank()) {
      unreadable = "no VM catalog is configured (rightsize.cost.catalog)";
      return cores;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of(catalog), StandardCharsets.UTF_8);
    } catch (IOException e) {
      unreadable = "the VM catalog " + catalog + " cannot be read (" + e.getMessage() + ")";
      return cores;
    }
    if (lines.isEmpty() || !lines.get(0).startsWith("size,vcpus,")) {
      unreadable = "the VM catalog " + catalog + " does not start with the header size,vcpus,...";
      return cores;
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", 3);
      if (cells.length >= 2) {
        try {
          cores.putIfAbsent(cells[0].trim().toLowerCase(Locale.ROOT), Integer.parseInt(cells[1].trim()));
        } catch (NumberFormatException e) {
          // A row without a whole vCPU count names no cores; the cost layer reports malformed rows.
        }
      }
    }
    return cores;
  }
}
