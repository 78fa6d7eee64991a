package rightsize.report.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What comparing the records with Gatling's own report of the same run found, per request name:
 * equal request, OK and KO counts, and each Gatling e2e percentile within the range the records
 * allow for it (the rules: analysis.GatlingCrossCheck, docs/report.md).
 *
 * @param reports the Gatling report folders compared
 * @param rows one row per request name found on either side
 */
public record CrossCheck(List<String> reports, List<NameCheck> rows) {

  /** One Gatling percentile of the row at {@code path} compared with the range the records allow. */
  public record PercentileCheck(
      String path, double percentile, Double gatlingMs, double recordsLowMs, double recordsHighMs, boolean agree) {}

  /** The comparison of one request name. */
  public record NameCheck(
      String name,
      long recordsTotal,
      long recordsOk,
      long recordsKo,
      long gatlingTotal,
      long gatlingOk,
      long gatlingKo,
      List<PercentileCheck> percentiles,
      List<String> problems) {

    public boolean agree() {
      return problems.isEmpty();
    }
  }

  /** True when some report was compared and every row agrees. */
  public boolean agree() {
    return !reports.isEmpty() && rows.stream().allMatch(NameCheck::agree);
  }

  /** All problems, each prefixed with its request name. */
  public List<String> problems() {
    List<String> all = new ArrayList<>();
    if (reports.isEmpty()) {
      all.add("no Gatling report to compare with");
    }
    rows.forEach(r -> r.problems().forEach(p -> all.add(r.name() + ": " + p)));
    return all;
  }
}
