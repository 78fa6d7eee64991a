package rightsize.population;

/**
 * The part of every step one load generator injects when {@code count} generators run a test
 * together: generator {@code index} (1-based) of {@code count}.
 *
 * <p>Closed steps are split into whole users that add up exactly to the total: with {@code T}
 * users, every generator runs {@code floor(T / count)} and the first {@code T mod count} one more
 * (10 users over 3: 4, 3, 3). Open steps are split evenly ({@code R / count} arrivals per second
 * each): independent Poisson streams add up to a Poisson stream at the total rate.
 *
 * @param index which generator this is, from 1 to {@code count}
 * @param count how many generators share the test
 */
public record Share(int index, int count) {
  /** One generator running the whole test. */
  public static final Share WHOLE = new Share(1, 1);

  public Share {
    if (count < 1) {
      throw new IllegalArgumentException("the number of load generators must be >= 1, was " + count);
    }
    if (index < 1 || index > count) {
      throw new IllegalArgumentException("the load generator index must be from 1 to " + count + ", was " + index);
    }
  }

  /** This generator's whole users of a closed step of {@code total} users; 0 when there are fewer users than generators. */
  public int users(int total) {
    return total / count + (index <= total % count ? 1 : 0);
  }

  /** This generator's arrivals per second of an open step of {@code total} arrivals per second. */
  public double rate(double total) {
    return total / count;
  }

  /** True when this generator runs the whole test alone. */
  public boolean whole() {
    return count == 1;
  }

  /** "load generator 2 of 3". */
  public String describe() {
    return "load generator " + index + " of " + count;
  }
}
