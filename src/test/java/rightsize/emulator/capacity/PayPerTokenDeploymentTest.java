package rightsize.emulator.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.emulator.capacity.VirtualScheduler.ms;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Azure OpenAI pay-per-token model: no queue, quota counted up front with max_tokens. */
class PayPerTokenDeploymentTest {
  private final VirtualScheduler clock = new VirtualScheduler();
  private final ServingProfile fast =
      new ServingProfile("pay-per-token", 20000, false, 80, 80.0 * Integer.MAX_VALUE, Integer.MAX_VALUE, ms(150));

  private PayPerTokenDeployment deployment(long tpm, long rpm) {
    return new PayPerTokenDeployment("ppt", fast, new RateLimiter(tpm, rpm, 60, 0), clock, (d, n, c) -> {});
  }

  private Recorder submit(PayPerTokenDeployment d, int prompt, int completion, int maxTokens) {
    Recorder r = new Recorder(clock);
    d.submit(new Generation(clock.nanoTime(), prompt, completion, maxTokens, 1, r));
    return r;
  }

  @Test
  void everyAdmittedRequestIsServedAtOnceAtTheFullRate() {
    PayPerTokenDeployment d = deployment(1_000_000, 10_000);
    List<Recorder> many = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(submit(d, 2000, 10, 100));
    }
    clock.runAll();
    for (Recorder r : many) {
      assertThat(r.startedAt).isZero();
      assertThat(r.prefillEnd).isEqualTo(ms(100)); // not serialised: each prompt at the full rate
      assertThat(r.firstChunkAt()).isEqualTo(ms(250)); // + 150 ms first-token overhead
      assertThat(r.gap(1)).isEqualTo(ms(12.5)); // 80 tok/s whatever the concurrency
    }
  }

  @Test
  void maxTokensCountsAgainstTheTokenQuotaUpFront() {
    PayPerTokenDeployment d = deployment(1000, 1000);
    Recorder first = submit(d, 100, 5, 500); // costs 600 although only 105 tokens are produced
    Recorder second = submit(d, 100, 5, 500);
    assertThat(first.rejection).isNull();
    assertThat(second.rejection.reason()).isEqualTo(Rejection.Reason.TOKEN_RATE_LIMIT);
    assertThat(second.rejection.httpStatus()).isEqualTo(429);
    assertThat(second.rejection.limit()).isEqualTo(1000);
    // 400 tokens left, 200 more needed at 1000/60 tokens per second: 12 s.
    assertThat(second.rejection.retryAfterMillis()).isEqualTo(12_000);
    assertThat(second.rejection.rateLimit().remainingTokens()).isEqualTo(400);
    clock.runUntil(ms(12_000));
    assertThat(submit(d, 100, 5, 500).rejection).isNull();
  }

  @Test
  void theRequestQuotaRefusesOnceItsBucketIsEmpty() {
    PayPerTokenDeployment d = deployment(1_000_000, 6);
    for (int i = 0; i < 6; i++) {
      assertThat(submit(d, 10, 1, 1).rejection).isNull();
    }
    Recorder seventh = submit(d, 10, 1, 1);
    assertThat(seventh.rejection.reason()).isEqualTo(Rejection.Reason.REQUEST_RATE_LIMIT);
    assertThat(seventh.rejection.retryAfterMillis()).isEqualTo(10_000); // one request per 10 s
    assertThat(seventh.rejection.rateLimit().remainingRequests()).isZero();
  }

  @Test
  void admittedRequestsCarryTheRemainingQuotaForTheResponseHeaders() {
    PayPerTokenDeployment d = deployment(10_000, 100);
    Recorder r = new Recorder(clock);
    Generation g = new Generation(0, 1000, 5, 1000, 1, r);
    d.submit(g);
    assertThat(g.rateLimit()).isEqualTo(new RateLimitStatus(99, 8000));
  }
}
