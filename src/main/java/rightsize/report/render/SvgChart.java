package rightsize.report.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line and scatter chart rendered as inline SVG: no script, no external resource, so the
 * report stays one file that works offline and by e-mail. Points carry native SVG tooltips.
 */
final class SvgChart {
  static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"
  };
  private static final int WIDTH = 560;
  private static final int HEIGHT = 345;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 40;
  private static final int BOTTOM = 84;

  /** How a point is drawn: filled (e.g. met the SLO), a ring (broke it) or a dashed ring (inconclusive). */
  enum Mark {
    FILLED,
    HOLLOW,
    DASHED
  }

  /** One point, drawn as {@code mark}. */
  record Point(double x, double y, String tooltip, Mark mark) {}

  /**
   * One named series in palette colour {@code color}; {@code lines} joins its points in x order,
   * dashed for fitted lines; {@code legend} false keeps it out of the legend.
   */
  record Series(String name, int color, List<Point> points, boolean lines, boolean dashed, boolean markers,
      boolean legend) {}

  private final String id;
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private Double limit;
  private String limitLabel;
  private boolean logY;

  SvgChart(String id, String title, String xLabel, String yLabel) {
    this.id = id;
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  SvgChart add(Series s) {
    if (!s.points().isEmpty()) {
      series.add(s);
    }
    return this;
  }

  /** A dashed horizontal line, e.g. the SLO limit. */
  SvgChart limit(double y, String label) {
    this.limit = y;
    this.limitLabel = label;
    return this;
  }

  /** A logarithmic y axis, for latencies that span orders of magnitude across steps. */
  SvgChart logY() {
    this.logY = true;
    return this;
  }

  String render() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg id=\"%s\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
        Html.esc(id), WIDTH, HEIGHT, WIDTH, HEIGHT, Html.esc(title)));
    s.append("<title>").append(Html.esc(title)).append("</title>");
    s.append(text(WIDTH / 2.0, 20, title, "middle", "chart-title"));
    if (series.isEmpty()) {
      s.append(text(WIDTH / 2.0, HEIGHT / 2.0, "no data", "middle", "axis"));
      return s.append("</svg>").toString();
    }
    double[] xr = range(true);
    double[] yr = range(false);
    double[] xt = ticks(xr[0], xr[1]);
    double[] yt = logY ? logTicks(yr[0], yr[1]) : ticks(yr[0], yr[1]);
    double x0 = xt[0];
    double x1 = xt[xt.length - 1];
    double y0 = yt[0];
    double y1 = yt[yt.length - 1];
    Scale sx = v -> LEFT + (v - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
    Scale linear = v -> HEIGHT - BOTTOM - (v - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
    Scale log = v -> HEIGHT - BOTTOM - (Math.log10(Math.max(v, y0)) - Math.log10(y0))
        / (Math.log10(y1) - Math.log10(y0)) * (HEIGHT - TOP - BOTTOM);
    Scale sy = logY ? log : linear;

    for (double t : yt) {
      s.append(line(LEFT, sy.at(t), WIDTH - RIGHT, sy.at(t), "grid"));
      s.append(text(LEFT - 6, sy.at(t) + 4, label(t), "end", "axis"));
    }
    for (double t : xt) {
      s.append(line(sx.at(t), HEIGHT - BOTTOM, sx.at(t), HEIGHT - BOTTOM + 4, "axis-line"));
      s.append(text(sx.at(t), HEIGHT - BOTTOM + 16, label(t), "middle", "axis"));
    }
    s.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "axis-line"));
    s.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "axis-line"));
    s.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - BOTTOM + 34, xLabel, "middle", "axis-label"));
    s.append(String.format(Locale.ROOT,
        "<text class=\"axis-label\" text-anchor=\"middle\" transform=\"translate(14 %.1f) rotate(-90)\">%s</text>",
        (TOP + HEIGHT - BOTTOM) / 2.0, Html.esc(yLabel)));
    if (limit != null && limit >= y0 && limit <= y1) {
      s.append(String.format(Locale.ROOT,
          "<line class=\"limit\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#555\" stroke-dasharray=\"6 4\"/>",
          LEFT, sy.at(limit), WIDTH - RIGHT, sy.at(limit)));
      s.append(text(WIDTH - RIGHT - 4, sy.at(limit) - 4, limitLabel, "end", "axis"));
    }
    for (Series ser : series) {
      String color = COLORS[ser.color() % COLORS.length];
      List<Point> pts = new ArrayList<>(ser.points());
      if (ser.lines() && pts.size() > 1) {
        pts.sort((a, b) -> Double.compare(a.x(), b.x()));
        StringBuilder d = new StringBuilder();
        for (Point p : pts) {
          d.append(d.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", sx.at(p.x()), sy.at(p.y())));
        }
        s.append(String.format(Locale.ROOT,
            "<path class=\"series\" d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>",
            d, color, ser.dashed() ? " stroke-dasharray=\"5 4\"" : ""));
      }
      if (ser.markers()) {
        for (Point p : pts) {
          s.append(String.format(Locale.ROOT,
              "<circle class=\"point%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"%s><title>%s</title></circle>",
              p.mark() == Mark.DASHED ? " inconclusive" : "", sx.at(p.x()), sy.at(p.y()),
              p.mark() == Mark.DASHED ? "5" : "4", p.mark() == Mark.FILLED ? color : "#fff", color,
              p.mark() == Mark.DASHED ? " stroke-dasharray=\"2 2\"" : "", Html.esc(p.tooltip())));
        }
      }
    }
    legend(s);
    return s.append("</svg>").toString();
  }

  private void legend(StringBuilder s) {
    double x = LEFT;
    double y = HEIGHT - 26;
    for (Series ser : series) {
      if (!ser.legend()) {
        continue;
      }
      String color = COLORS[ser.color() % COLORS.length];
      double w = 22 + ser.name().length() * 6.5;
      if (x + w > WIDTH - RIGHT) {
        // One more row fits under the axis label; what does not fit there is left out.
        if (y > HEIGHT - 26) {
          break;
        }
        x = LEFT;
        y += 15;
      }
      s.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"%s/>",
          x, y - 4, x + 14, y - 4, color, ser.dashed() ? " stroke-dasharray=\"4 3\"" : ""));
      s.append(text(x + 18, y, ser.name(), "start", "legend"));
      x += w + 10;
    }
  }

  private double[] range(boolean x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series ser : series) {
      for (Point p : ser.points()) {
        double v = x ? p.x() : p.y();
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!x && limit != null) {
      hi = Math.max(hi, limit);
      lo = Math.min(lo, limit);
    }
    if (!x && logY) {
      return new double[] {Math.max(lo, 1e-3), Math.max(hi, Math.max(lo, 1e-3) * 10)};
    }
    // Every figure charted is at least 0 (latency, rate, cost, length): the axes start there, and a
    // point or line below would be an artefact (the series clip their lines at 0).
    lo = 0;
    hi = Math.max(hi, 0);
    if (hi <= lo) {
      hi = lo + 1;
    }
    return new double[] {lo, hi};
  }

  /** Round tick values (1, 2 or 5 x 10^k apart) covering lo..hi with about five intervals. */
  static double[] ticks(double lo, double hi) {
    double raw = (hi - lo) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = magnitude * (raw / magnitude <= 1 ? 1 : raw / magnitude <= 2 ? 2 : raw / magnitude <= 5 ? 5 : 10);
    double start = Math.floor(lo / step) * step;
    int n = (int) Math.ceil((hi - start) / step - 1e-9);
    double[] ticks = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      ticks[i] = start + i * step;
    }
    return ticks;
  }

  /** Powers of ten covering lo..hi, with 2 and 5 between them when they span at most three decades. */
  static double[] logTicks(double lo, double hi) {
    int from = (int) Math.floor(Math.log10(lo));
    int to = (int) Math.ceil(Math.log10(hi));
    boolean fine = to - from <= 3;
    List<Double> ticks = new ArrayList<>();
    for (int e = from; e <= to; e++) {
      double decade = Math.pow(10, e);
      ticks.add(decade);
      if (fine && e < to) {
        ticks.add(2 * decade);
        ticks.add(5 * decade);
      }
    }
    return ticks.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String label(double v) {
    double a = Math.abs(v);
    if (a >= 10_000) {
      return String.format(Locale.ROOT, "%.0fk", v / 1000);
    }
    if (v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return String.format(Locale.ROOT, a >= 1 ? "%.1f" : "%.3g", v);
  }

  private static String line(double x1, double y1, double x2, double y2, String cls) {
    return String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
        cls, x1, y1, x2, y2);
  }

  private static String text(double x, double y, String text, String anchor, String cls) {
    return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        cls, x, y, anchor, Html.esc(text));
  }

  private interface Scale {
    double at(double v);
  }
}
