package rightsize.emulator.capacity;

/**
 * Azure OpenAI pay-per-token quota: a tokens-per-minute and a requests-per-minute bucket, each
 * holding {@code window} worth of quota and refilled continuously. A request costs its prompt
 * tokens plus its max_tokens, counted up front.
 */
public final class RateLimiter {
  private final Bucket tokens;
  private final Bucket requests;

  /** Limits of {@code tokensPerMinute} and {@code requestsPerMinute} over a {@code windowSeconds} window. */
  public RateLimiter(long tokensPerMinute, long requestsPerMinute, double windowSeconds, long nowNanos) {
    if (tokensPerMinute < 1 || requestsPerMinute < 1 || windowSeconds <= 0) {
      throw new IllegalArgumentException(
          "pay-per-token limits: tokens-per-minute, requests-per-minute and window must be > 0");
    }
    this.tokens = new Bucket(tokensPerMinute, windowSeconds, nowNanos);
    this.requests = new Bucket(requestsPerMinute, windowSeconds, nowNanos);
  }

  /** The outcome of asking for quota: granted, or refused by which limit and until when. */
  public record Decision(Rejection.Reason refusedBy, long limitPerMinute, long retryAfterMillis, RateLimitStatus remaining) {
    public boolean granted() {
      return refusedBy == null;
    }
  }

  /** Takes one request and {@code tokenCost} tokens at {@code now} if both buckets hold enough. */
  public Decision tryAcquire(long now, long tokenCost) {
    tokens.refill(now);
    requests.refill(now);
    long tokenWait = tokens.nanosUntil(tokenCost);
    long requestWait = requests.nanosUntil(1);
    if (tokenWait == 0 && requestWait == 0) {
      tokens.level -= tokenCost;
      requests.level -= 1;
      return new Decision(null, 0, 0, remaining());
    }
    boolean byTokens = tokenWait >= requestWait;
    long waitNanos = Math.max(tokenWait, requestWait);
    return new Decision(
        byTokens ? Rejection.Reason.TOKEN_RATE_LIMIT : Rejection.Reason.REQUEST_RATE_LIMIT,
        byTokens ? tokens.perMinute : requests.perMinute,
        (waitNanos + 999_999) / 1_000_000,
        remaining());
  }

  private RateLimitStatus remaining() {
    return new RateLimitStatus((long) Math.floor(requests.level), (long) Math.floor(tokens.level));
  }

  private static final class Bucket {
    final long perMinute;
    final double capacity;
    final double perNano;
    double level;
    long updatedAt;

    Bucket(long perMinute, double windowSeconds, long now) {
      this.perMinute = perMinute;
      this.capacity = perMinute * windowSeconds / 60.0;
      this.perNano = perMinute / 60e9;
      this.level = capacity;
      this.updatedAt = now;
    }

    void refill(long now) {
      level = Math.min(capacity, level + (now - updatedAt) * perNano);
      updatedAt = now;
    }

    /** Nanoseconds until {@code amount} is available (until full, if it never fits). */
    long nanosUntil(double amount) {
      if (level >= amount) {
        return 0;
      }
      double target = Math.min(amount, capacity);
      return Math.max(1, (long) Math.ceil((target - level) / perNano));
    }
  }
}
