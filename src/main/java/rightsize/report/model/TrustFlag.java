package rightsize.report.model;

import java.util.List;

/**
 * One reason some figures of a step cannot be trusted.
 *
 * @param figures the figures it concerns
 * @param note one line saying what is wrong and why, e.g. "ttft, tpot and e2e p95 and p99 from 3
 *     successful requests (a p95 needs 20, a p99 100); the SLO verdict on them is weak"
 * @param requests how many successful requests the flag is about (token checks), or null
 */
public record TrustFlag(Check check, List<Figure> figures, String note, Long requests) {

  public TrustFlag {
    figures = List.copyOf(figures);
  }

  /** What a trust check found. */
  public enum Check {
    /** A percentile rests on too few successful requests. */
    FEW_REQUESTS("few_requests", "\u2020", "too few successful requests for the percentile"),
    /** The tokenizer counted some requests' tokens: the server sent no usage. */
    ESTIMATED_TOKENS("estimated_tokens", "\u2021", "token counts estimated by the tokenizer or missing"),
    /** Some successful requests have no token count at all. */
    UNCOUNTED_TOKENS("uncounted_tokens", "\u2021", "token counts estimated by the tokenizer or missing"),
    /**
     * The load generator's client fell behind during the step (its event loops late past the limit);
     * in runs older than that measurement, a load generator stalled or its machine's CPU was saturated.
     */
    INJECTOR_OVERLOAD("injector_overload", "\u00a7", "the load generator was overloaded"),
    /** Some successful answers came as one JSON body, not streamed: their ttft cannot be measured. */
    NOT_STREAMED("not_streamed", "\u00b6", "answers not streamed: no ttft for them");

    private final String jsonName;
    private final String marker;
    private final String meaning;

    Check(String jsonName, String marker, String meaning) {
      this.jsonName = jsonName;
      this.marker = marker;
      this.meaning = meaning;
    }

    /** The name in tradeoffs.json, e.g. "few_requests". */
    public String jsonName() {
      return jsonName;
    }

    /** The mark the flagged figures carry in the md and html tables: †, ‡, § or ¶. */
    public String marker() {
      return marker;
    }

    /** What the marker means, for the legend under the table. */
    public String meaning() {
      return meaning;
    }
  }
}
