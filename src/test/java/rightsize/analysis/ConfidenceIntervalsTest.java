package rightsize.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class ConfidenceIntervalsTest {
  private static final MathContext MC = MathContext.DECIMAL128;

  @Test
  void theRanksAreTheNarrowestPairCoveringAtLeast95PercentByExactBinomialSums() {
    for (int n = 1; n <= 120; n++) {
      for (double q : new double[] {0.5, 0.95, 0.99}) {
        // below[r] = P(B <= r - 1), summed exactly: the pair (lo, hi) covers below[hi] - below[lo].
        double[] below = Arrays.stream(exactBelow(n, q)).mapToDouble(BigDecimal::doubleValue).toArray();
        long[] ranks = ConfidenceIntervals.quantileRanks(n, q);
        double coverage = below[(int) ranks[1]] - below[(int) ranks[0]];
        assertThat(coverage).as("n=%d q=%s ranks %s", n, q, Arrays.toString(ranks))
            .isGreaterThanOrEqualTo(0.95 - 1e-12)
            .isCloseTo(ConfidenceIntervals.coverage(n, q, ranks), within(1e-9));
        // An upper bound whenever some pair has one; no other such pair covers at least 95% with less.
        boolean bounded = below[n] >= 0.95;
        assertThat(ranks[1] <= n).as("n=%d q=%s bounded above", n, q).isEqualTo(bounded);
        for (int lo = 0; lo <= n; lo++) {
          for (int hi = lo + 1; hi <= (bounded ? n : n + 1); hi++) {
            double other = below[hi] - below[lo];
            if (other >= 0.95 + 1e-12) {
              assertThat(other).as("n=%d q=%s pair %d,%d", n, q, lo, hi).isGreaterThanOrEqualTo(coverage - 1e-12);
            }
          }
        }
      }
    }
  }

  @Test
  void smallSamplesByHand() {
    // Median of 10: P(2 <= B <= 8) = (1024 - 1 - 10 - 10 - 1) / 1024 = 0.9785; the narrower (3, 8)
    // covers P(3 <= B <= 7) = 912/1024 = 0.891 < 95%.
    assertThat(ConfidenceIntervals.quantileRanks(10, 0.5)).containsExactly(2, 9);
    // A p95 of 3 values is bounded below by the 2nd (P(B >= 2) = 0.993) and not at all from above.
    assertThat(ConfidenceIntervals.quantileRanks(3, 0.95)).containsExactly(2, 4);
    // Even the largest of 58 values is below the true p95 with probability 0.95^58 = 5.1% > 5%.
    assertThat(ConfidenceIntervals.quantileRanks(58, 0.95)[1]).isEqualTo(59);
    assertThat(ConfidenceIntervals.quantileRanks(40, 0.95)[1]).isEqualTo(41);
    assertThat(ConfidenceIntervals.quantileRanks(72, 0.95)).containsExactly(64, 72);
    // From 59 values on a p95 always has an upper bound: more values never take it away.
    for (int n = 59; n <= 2000; n++) {
      assertThat(ConfidenceIntervals.quantileRanks(n, 0.95)[1]).as("n=%d", n).isLessThanOrEqualTo(n);
    }
  }

  @Test
  void errorRateIntervalsAreClopperPearson() {
    // Reference values: 1 - 0.025^(1/n) for no event; tabulated exact limits for 5 of 100.
    Interval none = ConfidenceIntervals.share(0, 100);
    assertThat(none.low()).isZero();
    assertThat(none.high()).isCloseTo(1 - Math.pow(0.025, 1.0 / 100), within(1e-9));
    Interval five = ConfidenceIntervals.share(5, 100);
    assertThat(five.low()).isCloseTo(0.016431, within(1e-5));
    assertThat(five.high()).isCloseTo(0.112835, within(1e-5));
    Interval all = ConfidenceIntervals.share(3, 3);
    assertThat(all.high()).isEqualTo(1);
    assertThat(all.low()).isCloseTo(Math.pow(0.025, 1.0 / 3), within(1e-9));
    // Fewest requests without a failure that show an error rate within 1%: 368.
    assertThat(ConfidenceIntervals.share(0, 367).within(0.01)).isFalse();
    assertThat(ConfidenceIntervals.share(0, 368).within(0.01)).isTrue();
  }

  /** 10,000 steps of 1,000 requests each from a lognormal and a bimodal distribution. */
  @Test
  void theIntervalsCoverTheTruePercentile95PercentOfTheTimeBySimulation() {
    int steps = 10_000;
    int n = 1_000;
    SplittableRandom random = new SplittableRandom(20261203);
    double mu = Math.log(400);
    double sigma = 0.5;
    DoubleSupplier lognormal = () -> Math.exp(mu + sigma * gaussian(random));
    // 80% of answers uniform in 100..200 ms, 20% in 1000..3000 ms: the p95 is 2500 ms, the p99 2900 ms.
    DoubleSupplier bimodal = () -> random.nextDouble() < 0.8 ? 100 + 100 * random.nextDouble()
        : 1000 + 2000 * random.nextDouble();
    double[] quantiles = {0.5, 0.95, 0.99};
    double[] lognormalTruth = {400, 400 * Math.exp(sigma * 1.6448536269514722), 400 * Math.exp(sigma * 2.3263478740408408)};
    double[] bimodalTruth = {162.5, 2500, 2900};
    long[][] ranks = new long[quantiles.length][];
    for (int i = 0; i < quantiles.length; i++) {
      ranks[i] = ConfidenceIntervals.quantileRanks(n, quantiles[i]);
    }
    int[][] covered = new int[2][quantiles.length];
    int[] histogramCovered = new int[1];
    double[] values = new double[n];
    for (int s = 0; s < steps; s++) {
      for (int d = 0; d < 2; d++) {
        DoubleSupplier draw = d == 0 ? lognormal : bimodal;
        for (int i = 0; i < n; i++) {
          values[i] = draw.getAsDouble();
        }
        Arrays.sort(values);
        for (int i = 0; i < quantiles.length; i++) {
          double truth = (d == 0 ? lognormalTruth : bimodalTruth)[i];
          if (values[(int) ranks[i][0] - 1] <= truth && truth <= values[(int) ranks[i][1] - 1]) {
            covered[d][i]++;
          }
        }
        // Through the report's own histograms too, for the lognormal p95 of every tenth step.
        if (d == 0 && s % 10 == 0) {
          LatencyHistogram h = new LatencyHistogram();
          for (double v : values) {
            h.record(v);
          }
          Interval ci = h.interval(95);
          if (ci.low() <= lognormalTruth[1] && lognormalTruth[1] <= ci.high()) {
            histogramCovered[0]++;
          }
        }
      }
    }
    for (int d = 0; d < 2; d++) {
      for (int i = 0; i < quantiles.length; i++) {
        assertThat(covered[d][i] / (double) steps).as("%s p%s", d == 0 ? "lognormal" : "bimodal", quantiles[i] * 100)
            .isCloseTo(0.95, within(0.01));
      }
    }
    assertThat(histogramCovered[0] / (steps / 10.0)).isCloseTo(0.95, within(0.02));
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian on JDK 17.
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** P(B <= r - 1) for r = 0..n + 1, B ~ Binomial(n, q), in exact decimal arithmetic. */
  private static BigDecimal[] exactBelow(int n, double q) {
    BigDecimal p = new BigDecimal(Double.toString(q));
    BigDecimal[] below = new BigDecimal[n + 2];
    below[0] = BigDecimal.ZERO;
    for (int k = 0; k <= n; k++) {
      below[k + 1] = below[k].add(new BigDecimal(choose(n, k)).multiply(p.pow(k, MC), MC)
          .multiply(BigDecimal.ONE.subtract(p).pow(n - k, MC), MC), MC);
    }
    return below;
  }

  private static BigInteger choose(int n, int k) {
    BigInteger c = BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    return c;
  }
}
