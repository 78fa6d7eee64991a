package rightsize.config;

import java.time.Duration;

/**
 * The {@code rightsize.slo} section: the objective that defines capacity and whether a broken one
 * fails the run.
 *
 * @param objective the limits a step must meet
 * @param enforce true: a broken SLO fails the build (Gatling assertions); false: only reported
 */
public record SloSettings(Slo objective, boolean enforce) {

  static SloSettings read(Section s) {
    int mark = s.mark();
    Duration ttft = s.duration("p95-ttft", false);
    Duration e2e = s.duration("p95-e2e", false);
    Double errors = s.number("max-error-rate", 0, 1);
    Boolean enforce = s.bool("enforce");
    Boolean emptyAnswerIsError = s.bool("empty-answer-is-error");
    if (s.failedSince(mark)) {
      return null;
    }
    return new SloSettings(new Slo(ttft.toNanos() / 1e6, e2e.toNanos() / 1e6, errors, emptyAnswerIsError), enforce);
  }
}
