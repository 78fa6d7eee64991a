package rightsize.emulator.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.emulator.capacity.VirtualScheduler.ms;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Azure ML capacity model, driven in virtual time so every assertion is exact. */
class ManagedComputeDeploymentTest {
  // 1200 prompt tokens/s; 20 tok/s alone; 128 tok/s total at 16 streams (beta = 0.1).
  private final ServingProfile profile = new ServingProfile("cpu-small", 1200, true, 20, 128, 16, 0);
  private final VirtualScheduler clock = new VirtualScheduler();
  private final List<int[]> inFlight = new ArrayList<>();

  private ManagedComputeDeployment deployment(int instances, int maxConcurrent, long timeoutMs) {
    return new ManagedComputeDeployment(
        "d", profile, instances, maxConcurrent, timeoutMs, clock, (name, nanos, n) -> inFlight.add(new int[] {n}));
  }

  private Recorder submit(ManagedComputeDeployment d, int prompt, int completion) {
    Recorder r = new Recorder(clock);
    d.submit(new Generation(clock.nanoTime(), prompt, completion, completion, 1, r));
    return r;
  }

  @Test
  void aLoneRequestPrefillsThenDecodesAtTheSingleStreamRate() {
    ManagedComputeDeployment d = deployment(1, 4, 0);
    Recorder r = submit(d, 1200, 10);
    clock.runAll();
    assertThat(r.startedAt).isZero();
    assertThat(r.prefillEnd).isEqualTo(ms(1000));
    assertThat(r.firstChunkAt()).isEqualTo(ms(1000)); // the first token comes out of prefill
    assertThat(r.gap(1)).isEqualTo(ms(50)); // 1 / 20 tok/s
    assertThat(r.chunks).hasSize(10);
    assertThat(r.finishedAt).isEqualTo(ms(1000 + 9 * 50));
    assertThat(d.inFlight()).isZero();
  }

  @Test
  void streamsSharingAnInstanceEachDecodeSlowerButTogetherFaster() {
    ManagedComputeDeployment d = deployment(1, 16, 0);
    List<Recorder> four = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      four.add(submit(d, 0, 20));
    }
    clock.runAll();
    // 4 streams: each at 20 / (1 + 0.1 * 3) tok/s.
    long gap = Math.round(1e9 / (20 / 1.3));
    for (Recorder r : four) {
      assertThat(r.gap(5)).isEqualTo(gap);
    }
    assertThat(gap).isGreaterThan(ms(50));
    assertThat(4 * 1e9 / gap).isGreaterThan(20.0);
  }

  @Test
  void aStreamSpeedsUpAtItsNextTokenWhenOthersLeave() {
    ManagedComputeDeployment d = deployment(1, 16, 0);
    Recorder longOne = submit(d, 0, 40);
    submit(d, 0, 5);
    clock.runAll();
    long shared = Math.round(1e9 / (20 / 1.1));
    assertThat(longOne.gap(1)).isEqualTo(shared);
    assertThat(longOne.gap(39)).isEqualTo(ms(50));
  }

  @Test
  void requestsBeyondMaxConcurrentQueueUntilASlotFrees() {
    ManagedComputeDeployment d = deployment(1, 2, 0);
    Recorder a = submit(d, 0, 3);
    Recorder b = submit(d, 0, 30);
    Recorder c = submit(d, 0, 3);
    assertThat(d.queued()).isEqualTo(1);
    clock.runAll();
    assertThat(c.startedAt).isEqualTo(a.finishedAt);
    assertThat(c.startedAt).isGreaterThan(0);
    assertThat(b.startedAt).isZero();
  }

  @Test
  void promptsAreProcessedOneAfterAnotherOnAnInstance() {
    ManagedComputeDeployment d = deployment(1, 4, 0);
    Recorder a = submit(d, 600, 2);
    Recorder b = submit(d, 600, 2);
    clock.runAll();
    assertThat(a.prefillEnd).isEqualTo(ms(500));
    assertThat(b.prefillStart).isEqualTo(ms(500));
    assertThat(b.prefillEnd).isEqualTo(ms(1000));
  }

  @Test
  void moreThanTwiceMaxConcurrentTimesInstancesInFlightIsRefusedWith429() {
    ManagedComputeDeployment d = deployment(2, 2, 0);
    assertThat(d.pendingLimit()).isEqualTo(8);
    List<Recorder> admitted = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      admitted.add(submit(d, 0, 100));
    }
    Recorder ninth = submit(d, 0, 100);
    assertThat(admitted).allSatisfy(r -> assertThat(r.rejection).isNull());
    assertThat(ninth.rejection.reason()).isEqualTo(Rejection.Reason.TOO_MANY_PENDING);
    assertThat(ninth.rejection.httpStatus()).isEqualTo(429);
    assertThat(ninth.rejection.limit()).isEqualTo(8);
    assertThat(d.inFlight()).isEqualTo(8);
    assertThat(d.queued()).isEqualTo(4);
  }

  @Test
  void aRequestStillQueuedAtTheTimeoutGets408AndLeavesTheQueue() {
    ManagedComputeDeployment d = deployment(1, 1, 500);
    Recorder busy = submit(d, 0, 100); // 5 s of decoding
    Recorder waiting = submit(d, 0, 3);
    clock.runUntil(ms(499));
    assertThat(waiting.rejection).isNull();
    clock.runUntil(ms(500));
    assertThat(waiting.rejection.reason()).isEqualTo(Rejection.Reason.REQUEST_TIMEOUT);
    assertThat(waiting.rejection.httpStatus()).isEqualTo(408);
    assertThat(waiting.rejectedAt).isEqualTo(ms(500));
    assertThat(busy.timedOutAt).isEqualTo(ms(500));
    assertThat(d.inFlight()).isZero();
  }

  @Test
  void aRequestStillBeingServedAtTheTimeoutStopsAndFreesItsSlot() {
    ManagedComputeDeployment d = deployment(1, 1, 1000);
    Recorder slow = submit(d, 0, 100);
    clock.runUntil(ms(600));
    Recorder next = submit(d, 0, 2);
    clock.runAll();
    assertThat(slow.timedOutAt).isEqualTo(ms(1000));
    assertThat(slow.finishedAt).isNull();
    assertThat(slow.chunks).hasSize(20); // tokens at 0, 50, ..., 950 ms; the deadline wins at 1000
    assertThat(next.startedAt).isEqualTo(ms(1000));
    assertThat(next.finishedAt).isNotNull();
  }

  @Test
  void cancellingFreesTheSlotForTheNextInQueue() {
    ManagedComputeDeployment d = deployment(1, 1, 0);
    Recorder first = new Recorder(clock);
    Generation running = new Generation(0, 0, 100, 100, 1, first);
    d.submit(running);
    Recorder second = submit(d, 0, 2);
    clock.runUntil(ms(200));
    running.cancel();
    assertThat(running.running()).isFalse();
    assertThat(second.startedAt).isEqualTo(ms(200));
    assertThat(d.inFlight()).isEqualTo(1);
    clock.runAll();
    assertThat(first.finishedAt).isNull();
    assertThat(first.chunks).hasSize(5); // tokens at 0, 50, 100, 150, 200 ms
    assertThat(second.finishedAt).isNotNull();
  }

  @Test
  void cancellingAQueuedRequestRemovesItFromTheQueue() {
    ManagedComputeDeployment d = deployment(1, 1, 0);
    submit(d, 0, 10);
    Recorder waiting = new Recorder(clock);
    Generation queued = new Generation(0, 0, 2, 2, 1, waiting);
    d.submit(queued);
    assertThat(d.queued()).isEqualTo(1);
    queued.cancel();
    assertThat(d.queued()).isZero();
    assertThat(d.inFlight()).isEqualTo(1);
    clock.runAll();
    assertThat(waiting.startedAt).isNull();
  }

  @Test
  void requestsSpreadOverInstancesEachServingAtItsOwnRate() {
    ManagedComputeDeployment d = deployment(2, 1, 0);
    Recorder a = submit(d, 0, 10);
    Recorder b = submit(d, 0, 10);
    clock.runAll();
    assertThat(a.startedAt).isZero();
    assertThat(b.startedAt).isZero();
    assertThat(a.gap(1)).isEqualTo(ms(50));
    assertThat(b.gap(1)).isEqualTo(ms(50));
  }

  @Test
  void severalTokensPerChunkGoOutTogetherWhenTheLastOfThemIsReady() {
    ManagedComputeDeployment d = deployment(1, 4, 0);
    Recorder r = new Recorder(clock);
    d.submit(new Generation(0, 0, 10, 10, 4, r));
    clock.runAll();
    assertThat(r.chunks).extracting(c -> c[1] - c[0]).containsExactly(4L, 4L, 2L);
    assertThat(r.firstChunkAt()).isEqualTo(ms(150)); // token 1 at 0, tokens 2-4 decoded at 50 ms each
    assertThat(r.gap(1)).isEqualTo(ms(200));
    assertThat(r.gap(2)).isEqualTo(ms(100));
  }

  @Test
  void theInFlightCountIsReportedOnEveryChange() {
    ManagedComputeDeployment d = deployment(1, 1, 0);
    submit(d, 0, 2);
    submit(d, 0, 2);
    clock.runAll();
    assertThat(inFlight).extracting(x -> x[0]).containsExactly(1, 2, 1, 0);
  }
}
