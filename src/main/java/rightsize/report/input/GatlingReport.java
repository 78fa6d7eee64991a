package rightsize.report.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics table of a Gatling 3.15 HTML report ({@code <run folder>/index.html}), the only
 * place Gatling writes its numbers since 3.13: one row per request name and group, with counts and
 * response-time percentiles over all (OK and KO) responses, in whole milliseconds.
 *
 * @param folder the report folder
 * @param simulation the simulation's name as the report shows it
 * @param version the Gatling version that wrote the report
 * @param date the run date as the report shows it
 * @param rows every request and group row, "All Requests" excluded
 */
public record GatlingReport(Path folder, String simulation, String version, String date, List<Row> rows) {

  /**
   * One row of the table.
   *
   * @param path the names of the enclosing groups and the row's own name, joined by " / "
   * @param name the row's own name
   * @param group true for a group row (its times are group durations, not request times)
   * @param percentiles response-time percentile (e.g. 95.0) to value in ms, as the table's headers name them
   */
  public record Row(
      String path,
      String name,
      boolean group,
      long total,
      long ok,
      long ko,
      Double min,
      Map<Double, Double> percentiles,
      Double max,
      Double mean) {}

  private static final Pattern ROW = Pattern.compile(
      "<tr id=\"([^\"]+)\"(?:\\s+data-parent=\"([^\"]*)\")?\\s*>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">(.*?)</span>", Pattern.DOTALL);
  private static final Pattern CELL = Pattern.compile(
      "<td class=\"value [^\"]*\\bcol-(\\d+)\">([^<]*)</td>");
  private static final Pattern HEADER = Pattern.compile(
      "<th id=\"col-(\\d+)\"[^>]*><span>(\\d+(?:\\.\\d+)?)(?:st|nd|rd|th) pct</span></th>");
  private static final int COL_TOTAL = 2;
  private static final int COL_OK = 3;
  private static final int COL_KO = 4;
  private static final int COL_MIN = 7;
  private static final int COL_MAX = 12;
  private static final int COL_MEAN = 13;

  /** Reads {@code folder/index.html}; fails with one line naming the file when it holds no statistics table. */
  public static GatlingReport read(Path folder) {
    Path index = folder.resolve("index.html");
    String html;
    try {
      html = Files.readString(index, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Gatling report " + index + ": " + e.getMessage(), e);
    }
    Map<Integer, Double> percentileColumns = new LinkedHashMap<>();
    Matcher h = HEADER.matcher(html);
    while (h.find()) {
      percentileColumns.put(Integer.parseInt(h.group(1)), Double.parseDouble(h.group(2)));
    }
    if (percentileColumns.isEmpty()) {
      throw new IllegalArgumentException(index + " has no statistics table: is it a Gatling 3.15 index.html?");
    }
    Map<String, String> names = new HashMap<>();
    Map<String, String> parents = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    List<String> rowIds = new ArrayList<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      String id = m.group(1);
      Matcher n = NAME.matcher(m.group(3));
      if (!n.find()) {
        continue;
      }
      names.put(id, unescape(n.group(1).strip()));
      parents.put(id, m.group(2));
      if ("ROOT".equals(id)) {
        continue;
      }
      Map<Integer, Double> cells = new HashMap<>();
      Matcher c = CELL.matcher(m.group(3));
      while (c.find()) {
        cells.put(Integer.parseInt(c.group(1)), number(c.group(2)));
      }
      Map<Double, Double> percentiles = new LinkedHashMap<>();
      percentileColumns.forEach((col, p) -> percentiles.put(p, cells.get(col)));
      rows.add(new Row(null, names.get(id), id.startsWith("group_"),
          count(cells.get(COL_TOTAL)), count(cells.get(COL_OK)), count(cells.get(COL_KO)),
          cells.get(COL_MIN), percentiles, cells.get(COL_MAX), cells.get(COL_MEAN)));
      rowIds.add(id);
    }
    List<Row> withPaths = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      withPaths.add(new Row(path(rowIds.get(i), names, parents), r.name(), r.group(), r.total(), r.ok(),
          r.ko(), r.min(), r.percentiles(), r.max(), r.mean()));
    }
    return new GatlingReport(folder, simulation(html, folder), label(html, "Version"), label(html, "Date"),
        withPaths);
  }

  private static String path(String id, Map<String, String> names, Map<String, String> parents) {
    StringBuilder path = new StringBuilder(names.get(id));
    String parent = parents.get(id);
    while (parent != null && !parent.equals("ROOT") && names.containsKey(parent)) {
      path.insert(0, names.get(parent) + " / ");
      parent = parents.get(parent);
    }
    return path.toString();
  }

  private static String simulation(String html, Path folder) {
    Matcher m = Pattern.compile("<div class=\"onglet\">\\s*([^<]*?)\\s*</div>").matcher(html);
    return m.find() ? unescape(m.group(1)) : folder.getFileName().toString();
  }

  private static String label(String html, String label) {
    Matcher m = Pattern.compile("class=\"simulation-information-label\">" + label
        + ": </span>\\s*<span>([^<]*)</span>").matcher(html);
    return m.find() ? unescape(m.group(1).strip()) : "";
  }

  private static Double number(String text) {
    String t = text.strip().replace(",", "");
    if (t.isEmpty() || t.equals("-")) {
      return null;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long count(Double value) {
    return value == null ? 0 : value.longValue();
  }

  static String unescape(String text) {
    Matcher m = Pattern.compile("&(#x[0-9a-fA-F]+|#\\d+|amp|lt|gt|quot|apos|middot|nbsp|mdash);").matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String r = switch (e) {
        case "amp" -> "&";
        case "lt" -> "<";
        case "gt" -> ">";
        case "quot" -> "\"";
        case "apos" -> "'";
        case "middot" -> "\u00b7";
        case "nbsp" -> "\u00a0";
        case "mdash" -> "\u2014";
        default -> new String(Character.toChars(e.startsWith("#x")
            ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1))));
      };
      m.appendReplacement(out, Matcher.quoteReplacement(r));
    }
    m.appendTail(out);
    return out.toString();
  }
}
