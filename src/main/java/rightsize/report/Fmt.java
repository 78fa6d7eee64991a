package rightsize.report;

import java.util.Locale;
import rightsize.cost.Money;

/** Number formats shared by the human-readable outputs (md, html); "–" stands for not measured. */
final class Fmt {
  static final String NONE = "\u2013";

  private Fmt() {}

  /** Milliseconds: "1,234", "56.7", "3.21". */
  static String ms(Double v) {
    if (v == null) {
      return NONE;
    }
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  /** A 0..1 share as a percentage: "1.5%". */
  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** A rate or count per second: "0.85", "12.3", "1,234". */
  static String rate(Double v) {
    if (v == null) {
      return NONE;
    }
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  static String money(Double v, String currency) {
    return v == null ? NONE : Money.format(v, currency);
  }

  static String count(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
