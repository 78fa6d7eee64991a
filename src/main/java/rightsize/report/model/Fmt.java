package rightsize.report.model;

import java.util.List;
import java.util.Locale;
import rightsize.config.Slo;
import rightsize.cost.Money;

/**
 * How the report writes numbers in words: in the notes and sentences of the model and in the
 * human-readable outputs (md, html); "–" stands for not measured.
 */
public final class Fmt {
  /** Stands for a figure not measured. */
  public static final String NONE = "\u2013";

  private Fmt() {}

  /** Milliseconds: "1,234", "56.7", "3.21". */
  public static String ms(Double v) {
    if (v == null) {
      return NONE;
    }
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  /** A 0..1 share as a percentage: "1.5%". */
  public static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** A rate or count per second: "0.85", "12.3", "1,234". */
  public static String rate(Double v) {
    if (v == null) {
      return NONE;
    }
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  /** A 0..1 share as a percentage, or "–" for not measured. */
  public static String pct(Double share) {
    return share == null ? NONE : pct(share.doubleValue());
  }

  public static String money(Double v, String currency) {
    return v == null ? NONE : Money.format(v, currency);
  }

  /** "p95 ttft ≤ 2,000 ms, p95 e2e ≤ 20,000 ms, errors ≤ 1.0%". */
  public static String slo(Slo slo) {
    return "p95 ttft ≤ " + ms(slo.p95TtftMs()) + " ms, p95 e2e ≤ " + ms(slo.p95E2eMs()) + " ms, errors ≤ "
        + pct(slo.maxErrorRate());
  }

  /** "a", "a and b", "a, b and c". */
  public static String and(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  public static String count(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
