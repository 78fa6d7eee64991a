package rightsize.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What to build a report from: the run folder it is written to, and optionally other record
 * files (several injectors), Gatling report folders to copy in, and a baseline run.
 *
 * @param recordFiles the record files; empty means every {@code records*.jsonl} of the run folder
 * @param gatlingReports Gatling run folders to copy into {@code <run>/gatling/}; reports already
 *     there are always used
 * @param baseline the baseline run folder, or null for the configured one ({@code run.baseline})
 */
public record ReportRequest(Path runDir, List<Path> recordFiles, List<Path> gatlingReports, Path baseline) {

  public ReportRequest {
    recordFiles = List.copyOf(recordFiles);
    gatlingReports = List.copyOf(gatlingReports);
  }

  /** A report of {@code runDir} from its own record files and Gatling reports. */
  public static ReportRequest of(Path runDir) {
    return new ReportRequest(runDir, List.of(), List.of(), null);
  }

  public ReportRequest withRecords(List<Path> files) {
    return new ReportRequest(runDir, files, gatlingReports, baseline);
  }

  public ReportRequest withGatlingReports(List<Path> folders) {
    return new ReportRequest(runDir, recordFiles, folders, baseline);
  }

  public ReportRequest withBaseline(Path baselineRun) {
    return new ReportRequest(runDir, recordFiles, gatlingReports, baselineRun);
  }
}
