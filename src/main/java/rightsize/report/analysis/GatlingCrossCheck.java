package rightsize.report.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import rightsize.record.RequestRecord;
import rightsize.report.input.GatlingReport;
import rightsize.report.input.RequestNameStats;
import rightsize.report.model.CrossCheck.NameCheck;
import rightsize.report.model.CrossCheck.PercentileCheck;
import rightsize.report.model.CrossCheck;

/**
 * Compares the records with Gatling's own report of the same run, per request name: request, OK and
 * KO counts must be equal, and each of Gatling's e2e percentiles must lie within what the records
 * allow for it. When a name is in several Gatling rows (the sizing simulations
 * put each step's requests in a group named after the step's scenario), each row whose path is
 * {@code "<scenario> / <name>"} is compared with the records of that scenario and name.
 *
 * <p>Gatling estimates percentiles with a t-digest over whole milliseconds (interpolating between
 * neighbouring values), the records give nearest-rank percentiles; a Gatling percentile p agrees
 * when it lies between the records' percentiles at p - d and p + d, d = max(2, 200 / n) points,
 * each widened to the next recorded value outside, and by 1 ms and 0.1% for Gatling's rounding
 * and the histogram's resolution. Rows named
 * {@code "<name> · ttft"} and group rows are not compared (they time something else).
 */
public final class GatlingCrossCheck {
  private GatlingCrossCheck() {}

  /**
   * Compares {@code reports} with the records' statistics per request name ({@code records}) and
   * per {@code "<scenario> / <name>"} ({@code byPath}).
   */
  public static CrossCheck of(
      List<GatlingReport> reports, Map<String, RequestNameStats> records, Map<String, RequestNameStats> byPath) {
    Map<String, List<GatlingReport.Row>> gatling = new TreeMap<>();
    for (GatlingReport report : reports) {
      for (GatlingReport.Row row : report.rows()) {
        if (!row.group() && !row.name().endsWith(RequestRecord.TTFT_ROW_SUFFIX)) {
          gatling.computeIfAbsent(row.name(), k -> new ArrayList<>()).add(row);
        }
      }
    }
    TreeSet<String> names = new TreeSet<>(gatling.keySet());
    if (!reports.isEmpty()) {
      names.addAll(records.keySet());
    }
    List<NameCheck> rows = new ArrayList<>();
    for (String name : names) {
      rows.add(compare(name, gatling.getOrDefault(name, List.of()), records.get(name), byPath));
    }
    return new CrossCheck(
        reports.stream().map(r -> r.folder().getFileName().toString()).toList(), rows);
  }

  private static NameCheck compare(
      String name, List<GatlingReport.Row> rows, RequestNameStats records, Map<String, RequestNameStats> byPath) {
    long gTotal = rows.stream().mapToLong(GatlingReport.Row::total).sum();
    long gOk = rows.stream().mapToLong(GatlingReport.Row::ok).sum();
    long gKo = rows.stream().mapToLong(GatlingReport.Row::ko).sum();
    long rTotal = records == null ? 0 : records.total();
    long rOk = records == null ? 0 : records.ok();
    long rKo = records == null ? 0 : records.ko();
    List<String> problems = new ArrayList<>();
    if (rows.isEmpty()) {
      problems.add("in the records (" + rTotal + " requests) but in no Gatling report");
    } else if (records == null) {
      problems.add("in Gatling (" + gTotal + " requests) but in no record");
    } else {
      countProblem("requests", rTotal, gTotal, problems);
      countProblem("OK", rOk, gOk, problems);
      countProblem("KO", rKo, gKo, problems);
    }
    List<PercentileCheck> percentiles = new ArrayList<>();
    if (records != null && rTotal > 0) {
      if (rows.size() == 1) {
        percentiles(rows.get(0), records, percentiles, problems);
      } else {
        // Percentiles of several rows cannot be combined: each row is compared with its own records,
        // unless the same path is in several reports (several injectors each ran a share of it).
        Map<String, Long> perPath = rows.stream()
            .collect(Collectors.groupingBy(GatlingReport.Row::path, Collectors.counting()));
        for (GatlingReport.Row row : rows) {
          RequestNameStats same = byPath.get(row.path());
          if (same != null && perPath.get(row.path()) == 1) {
            countProblem(row.path() + " requests", same.total(), row.total(), problems);
            percentiles(row, same, percentiles, problems);
          }
        }
      }
    }
    return new NameCheck(name, rTotal, rOk, rKo, gTotal, gOk, gKo, percentiles, problems);
  }

  private static void percentiles(
      GatlingReport.Row row, RequestNameStats records, List<PercentileCheck> checks, List<String> problems) {
    // Two ranks or two points: t-digest's estimate was seen two ranks off in a sparse tail (a
    // step of 176 requests, 82% of them quick 429s).
    double d = Math.max(2, 200.0 / records.total());
    for (Map.Entry<Double, Double> e : row.percentiles().entrySet()) {
      checks.add(check(row.path(), e.getKey(), e.getValue(), range(records, e.getKey() - d, e.getKey() + d), problems));
    }
    if (row.max() != null) {
      checks.add(check(row.path(), 100, row.max(), range(records, 100 - d, 100), problems));
    }
  }

  /**
   * The records' percentiles at {@code from} and {@code to}, each widened to the next recorded
   * value outside them: Gatling's t-digest interpolates between neighbouring values, which can be
   * far apart when answers cluster (every answer of n tokens takes about the same time).
   */
  private static double[] range(RequestNameStats records, double from, double to) {
    return new double[] {
        records.neighbour(records.percentile(from), true), records.neighbour(records.percentile(to), false)};
  }

  private static PercentileCheck check(String path, double p, Double gatling, double[] range, List<String> problems) {
    double low = range[0];
    double high = range[1];
    boolean agree = gatling != null
        && gatling >= low - 1 - 0.001 * low
        && gatling <= high + 1 + 0.001 * high;
    if (!agree) {
      // Problems are listed under the request name: name the row only when it is one of several.
      String row = path.contains(" / ") ? path.substring(0, path.lastIndexOf(" / ")) + ": " : "";
      problems.add(String.format(Locale.ROOT, "%s%s: Gatling %s ms, records %.1f..%.1f ms",
          row, p == 100 ? "max" : "p" + fmt(p), gatling == null ? "-" : fmt(gatling), low, high));
    }
    return new PercentileCheck(path, p, gatling, low, high, agree);
  }

  private static void countProblem(String what, long records, long gatling, List<String> problems) {
    if (records != gatling) {
      problems.add(what + ": records " + records + ", Gatling " + gatling);
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
