package rightsize.config;

import java.util.Locale;
import java.util.Random;

/**
 * A distribution of whole token counts (prompt lengths, {@code max_tokens} of the synthetic
 * workload) sampled with a seeded random source, so the same seed gives the same draws.
 */
public sealed interface Distribution {

  /** One draw, always >= 1. */
  int sample(Random random);

  /** A short description such as "normal(mean 256, sd 64, 16..1024)". */
  String describe();

  /** Always {@code value}. */
  record Fixed(int value) implements Distribution {
    public Fixed {
      requirePositive("value", value);
    }

    @Override
    public int sample(Random random) {
      return value;
    }

    @Override
    public String describe() {
      return Integer.toString(value);
    }
  }

  /** Every whole number from {@code min} to {@code max} (both included) equally likely. */
  record Uniform(int min, int max) implements Distribution {
    public Uniform {
      requirePositive("min", min);
      if (max < min) {
        throw new IllegalArgumentException("uniform distribution: max " + max + " < min " + min);
      }
    }

    @Override
    public int sample(Random random) {
      return min + random.nextInt(max - min + 1);
    }

    @Override
    public String describe() {
      return "uniform(" + min + ".." + max + ")";
    }
  }

  /**
   * A normal distribution rounded to whole numbers; draws outside {@code min..max} are drawn again,
   * so the result is the normal truncated to that range.
   */
  record Normal(double mean, double stddev, int min, int max) implements Distribution {
    public Normal {
      requirePositive("min", min);
      if (stddev < 0 || max < min || mean < min || mean > max) {
        throw new IllegalArgumentException(
            "normal distribution needs stddev >= 0 and min <= mean <= max, got mean " + mean + ", stddev " + stddev
                + ", min " + min + ", max " + max);
      }
    }

    @Override
    public int sample(Random random) {
      while (true) {
        long value = Math.round(mean + stddev * random.nextGaussian());
        if (value >= min && value <= max) {
          return (int) value;
        }
      }
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "normal(mean %s, sd %s, %d..%d)", num(mean), num(stddev), min, max);
    }

    private static String num(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + value);
    }
  }
}
