package rightsize.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Settings of the run as a whole ({@code rightsize.run}).
 *
 * @param id the run id; generated (UTC timestamp plus a short random suffix) when not configured
 * @param resultsDir where run folders go
 * @param injector the name of this load generator
 * @param injectorCount how many load generators share the test (1: this one runs all of it)
 * @param injectorIndex which of them this one is, from 1 to {@code injectorCount}
 * @param sizes deployment names or VM sizes to run; empty means all
 * @param baseline a previous run folder to compare against, or empty
 */
public record RunSettings(
    String id, Path resultsDir, String injector, int injectorCount, int injectorIndex, List<String> sizes, String baseline) {

  private static final Pattern FOLDER_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  // One generated id per JVM, so that every load in this JVM names the same run folder.
  private static volatile String generatedId;

  /** The folder of this run: {@code <results-dir>/<id>}. */
  public Path folder() {
    return resultsDir.resolve(id);
  }

  /** Reads the run block; {@code sizes} must each match one of {@code deployments}. */
  static RunSettings read(Section s, List<DeploymentSettings> deployments) {
    String id = s.string("id");
    if (id != null && !id.isEmpty() && !FOLDER_NAME.matcher(id).matches()) {
      s.problem("id", "'" + id + "' is not a folder name", "use only letters, digits, '.', '_' and '-' (or leave it empty to generate one)");
    }
    if (id == null || id.isEmpty()) {
      id = generatedId();
    }
    String resultsDir = s.required("results-dir");
    if (resultsDir != null && !resultsDir.isEmpty()) {
      String unwritable = unwritable(Path.of(resultsDir));
      if (unwritable != null) {
        s.problem("results-dir", "'" + resultsDir + "' cannot hold the run's files (" + unwritable + ")",
            "point it at a folder this user can write " + s.where("results-dir"));
      }
    }
    String injector = s.required("injector");
    if (injector != null && !FOLDER_NAME.matcher(injector).matches()) {
      s.problem("injector", "'" + injector + "' is not a plain name", "use only letters, digits, '.', '_' and '-'");
    }
    Integer count = s.integer("injectors.count");
    if (count != null && count < 1) {
      s.problem("injectors.count", "is " + count, "set how many load generators share the test, a whole number >= 1 (or RIGHTSIZE_INJECTORS)");
    }
    Integer index = s.integer("injectors.index");
    if (index != null && count != null && count >= 1 && (index < 1 || index > count)) {
      s.problem("injectors.index", "is " + index + " but injectors.count is " + count,
          "give each load generator its own index from 1 to " + count + " (or RIGHTSIZE_INJECTOR_INDEX)");
    }
    List<String> sizes = s.names("sizes");
    for (String size : sizes == null ? List.<String>of() : sizes) {
      if (!deployments.isEmpty() && deployments.stream().noneMatch(d -> d.matches(size))) {
        s.problem("sizes", "'" + size + "' matches no deployment",
            "use a deployment name or VM size among: "
                + deployments.stream().map(d -> d.vmSize().isEmpty() ? d.name() : d.name() + " (" + d.vmSize() + ")").collect(Collectors.joining(", ")));
      }
    }
    String baseline = s.string("baseline");
    return new RunSettings(id, Path.of(resultsDir == null ? "results" : resultsDir), injector,
        count == null ? 1 : count, index == null ? 1 : index, sizes == null ? List.of() : List.copyOf(sizes),
        baseline == null ? "" : baseline);
  }

  /**
   * Why no run folder can be made under {@code dir}, or null when one can: {@code dir} or its
   * nearest existing ancestor must be a writable folder. Nothing is created.
   */
  private static String unwritable(Path dir) {
    Path p = dir.toAbsolutePath().normalize();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return "no part of the path exists";
    }
    if (!Files.isDirectory(p)) {
      return p + " is a file, not a folder";
    }
    if (!Files.isWritable(p)) {
      return p + " is not writable";
    }
    return null;
  }

  private static String generatedId() {
    String id = generatedId;
    if (id == null) {
      synchronized (RunSettings.class) {
        id = generatedId;
        if (id == null) {
          String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
          String suffix = Integer.toString(0x1000 + new SecureRandom().nextInt(0xF000), 16);
          id = stamp + "-" + suffix;
          generatedId = id;
        }
      }
    }
    return id;
  }
}
