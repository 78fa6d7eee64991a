package rightsize.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Formats amounts for people: cents from one unit up, four significant digits below (prices, per-request costs). */
public final class Money {
  private Money() {}

  /** "$1,234.57", "$0.0846", "$0.10", "$0.0001878" or "1.88 EUR". */
  public static String format(double amount, String currency) {
    String digits = digits(amount);
    return "USD".equals(currency) ? (amount < 0 ? "-$" + digits.substring(1) : "$" + digits)
        : digits + " " + currency;
  }

  private static String digits(double amount) {
    double magnitude = Math.abs(amount);
    if (magnitude != 0 && magnitude < 1) {
      BigDecimal rounded = new BigDecimal(amount).round(new MathContext(4, RoundingMode.HALF_UP))
          .stripTrailingZeros();
      return rounded.setScale(Math.max(2, rounded.scale())).toPlainString();
    }
    return String.format(Locale.ROOT, "%,.2f",
        new BigDecimal(amount).setScale(2, RoundingMode.HALF_UP));
  }
}
