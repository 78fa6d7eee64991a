package rightsize.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics table of a Gatling 3.15 {@code index.html} (the only place 3.15 still writes its
 * numbers): per request and group row, the total, OK and KO counts.
 */
public final class GatlingReport {
  private static final Pattern ROW = Pattern.compile(
      "<tr id=\"(req_|group_)[^\"]*\" data-parent=\"[^\"]*\">.*?class=\"ellipsed-name\">([^<]*)</span>.*?"
          + "col-2\">(\\d+)</td>.*?col-3\">(\\d+)</td>.*?col-4\">(\\d+)</td>",
      Pattern.DOTALL);

  /** One row of the table. */
  public record Row(String name, long total, long ok, long ko) {}

  private final List<Row> requests = new ArrayList<>();
  private final List<Row> groups = new ArrayList<>();

  private GatlingReport() {}

  /** Reads {@code <runFolder>/index.html}. */
  public static GatlingReport read(Path runFolder) throws IOException {
    String html = Files.readString(runFolder.resolve("index.html"));
    GatlingReport report = new GatlingReport();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      Row row = new Row(unescape(m.group(2).trim()), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)));
      (m.group(1).equals("group_") ? report.groups : report.requests).add(row);
    }
    return report;
  }

  /** The request row named {@code name}; fails when there is none or more than one. */
  public Row row(String name) {
    List<Row> found = requests.stream().filter(r -> r.name().equals(name)).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one request row '" + name + "' in the report, found " + found.size() + " among " + requests);
    }
    return found.get(0);
  }

  /** Whether a group row named {@code name} exists. */
  public boolean group(String name) {
    return groups.stream().anyMatch(g -> g.name().equals(name));
  }

  /** Every request row. */
  public List<Row> requests() {
    return List.copyOf(requests);
  }

  private static String unescape(String s) {
    return s.replace("&middot;", "·").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&amp;", "&");
  }
}
