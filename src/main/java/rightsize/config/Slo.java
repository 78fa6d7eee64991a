package rightsize.config;

/**
 * The service-level objective a step must meet to count as capacity: p95 ttft, p95 e2e and the
 * share of failed requests, each at most its limit ({@code rightsize.slo}).
 *
 * @param p95TtftMs the largest acceptable p95 time to first token, in milliseconds
 * @param p95E2eMs the largest acceptable p95 end-to-end time, in milliseconds
 * @param maxErrorRate the largest acceptable share (0..1) of requests not ending ok, 429s included
 * @param emptyAnswerIsError whether answers that ended normally with no visible content ({@code
 *     empty_answer}) count as failed in the error rate
 */
public record Slo(double p95TtftMs, double p95E2eMs, double maxErrorRate, boolean emptyAnswerIsError) {

  /** An SLO under which empty answers count as errors (the default). */
  public Slo(double p95TtftMs, double p95E2eMs, double maxErrorRate) {
    this(p95TtftMs, p95E2eMs, maxErrorRate, true);
  }
}
