package rightsize.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings of the run as a whole.
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

  /** The folder of this run: {@code <results-dir>/<id>}. */
  public Path folder() {
    return resultsDir.resolve(id);
  }
}
