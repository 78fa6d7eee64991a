package rightsize.emulator.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.emulator.capacity.VirtualScheduler.ms;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application on a CPU VM calling a pay-per-token model, driven in virtual time: the queueing
 * delays are exactly what docs/emulator.md's formulas say.
 */
class ApplicationProfileTest {
  private final VirtualScheduler clock = new VirtualScheduler();

  /**
   * An app spending 100 ms of CPU per request, calling a model that answers its first token 300 ms
   * after it processed the prompt at 20,000 tokens/s and then 50 tokens/s (20 ms a token).
   */
  private static ServingProfile app(int vcpus, double workersPerVcpu, int threads) {
    int workers = Math.max(1, (int) Math.floor(workersPerVcpu * vcpus));
    return ServingProfile.application(
        "app", new ServingProfile.App(vcpus, workers, threads, ms(100)), 20_000, 50, ms(300));
  }

  private ManagedComputeDeployment deployment(ServingProfile profile, int maxConcurrent) {
    return new ManagedComputeDeployment("app", profile, 1, maxConcurrent, 0, clock, (name, nanos, n) -> {});
  }

  private Recorder submit(ManagedComputeDeployment d, int prompt, int completion) {
    Recorder r = new Recorder(clock);
    d.submit(new Generation(clock.nanoTime(), prompt, completion, completion, 1, r));
    return r;
  }

  @Test
  void aLoneRequestSpendsItsCpuTimeThenWaitsForTheModel() {
    ManagedComputeDeployment d = deployment(app(2, 2, 4), 8);
    Recorder r = submit(d, 1000, 10);
    clock.runAll();
    assertThat(r.startedAt).isZero();
    assertThat(r.prefillStart).isZero();
    assertThat(r.prefillEnd).isEqualTo(ms(100)); // the app's CPU work
    // ttft = cpu 100 + model first token 300 + 1000 prompt tokens / 20,000 per s = 450 ms
    assertThat(r.firstChunkAt()).isEqualTo(ms(450));
    assertThat(r.gap(1)).isEqualTo(ms(20));
    assertThat(r.finishedAt).isEqualTo(ms(450 + 9 * 20));
  }

  @Test
  void requestsArrivingTogetherQueueForTheVcpusInPairsOnTwoVcpus() {
    ManagedComputeDeployment d = deployment(app(2, 2, 4), 16);
    List<Recorder> six = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      six.add(submit(d, 0, 5));
    }
    clock.runAll();
    // Six requests on 2 vCPUs: request i waits floor(i / 2) x 100 ms for a vCPU.
    for (int i = 0; i < 6; i++) {
      Recorder r = six.get(i);
      long cpuWait = (i / 2) * ms(100);
      assertThat(r.startedAt).isZero(); // every one holds a worker thread at once
      assertThat(r.prefillStart).as("request %d", i).isEqualTo(cpuWait);
      assertThat(r.firstChunkAt()).isEqualTo(cpuWait + ms(100) + ms(300));
      // The model decodes every stream at its own rate whatever the app's load.
      assertThat(r.finishedAt - r.firstChunkAt()).isEqualTo(4 * ms(20));
    }
  }

  @Test
  void moreVcpusShortenTheQueueInProportion() {
    long[] lastTtft = new long[3];
    int[] sizes = {2, 4, 8};
    for (int s = 0; s < sizes.length; s++) {
      VirtualScheduler own = new VirtualScheduler();
      ManagedComputeDeployment d =
          new ManagedComputeDeployment("app", app(sizes[s], 2, 4), 1, 64, 0, own, (name, nanos, n) -> {});
      List<Recorder> sixteen = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Recorder r = new Recorder(own);
        d.submit(new Generation(0, 0, 1, 1, 1, r));
        sixteen.add(r);
      }
      own.runAll();
      lastTtft[s] = sixteen.get(15).firstChunkAt();
    }
    // 16 at once: the last waits 16 / vCPUs - 1 CPU turns of 100 ms, then 100 ms CPU and 300 ms model.
    assertThat(lastTtft).containsExactly(ms(700 + 400), ms(300 + 400), ms(100 + 400));
  }

  @Test
  void fewerWorkersThanVcpusLeaveVcpusIdleAndHoldFewerRequests() {
    // 0.5 workers per vCPU on 2 vCPUs: one worker, one vCPU used, 3 threads = 3 requests held.
    ServingProfile oneWorker = app(2, 0.5, 3);
    assertThat(oneWorker.app().cpuLanes()).isEqualTo(1);
    assertThat(oneWorker.concurrencyLimit()).isEqualTo(3);
    ManagedComputeDeployment d = deployment(oneWorker, 8);
    List<Recorder> four = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      four.add(submit(d, 0, 1));
    }
    assertThat(d.queued()).isEqualTo(1); // the app holds 3; Azure ML queues the fourth
    clock.runAll();
    assertThat(four.get(1).prefillStart).isEqualTo(ms(100));
    assertThat(four.get(2).prefillStart).isEqualTo(ms(200));
    // The fourth gets a thread when the first answer ends (100 + 300 ms) and a vCPU at once.
    assertThat(four.get(3).startedAt).isEqualTo(ms(400));
    assertThat(four.get(3).prefillStart).isEqualTo(ms(400));
  }

  @Test
  void azureMlRefusesOverTwiceMaxConcurrentWhateverTheAppHolds() {
    ManagedComputeDeployment d = deployment(app(8, 2, 4), 2);
    List<Recorder> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(submit(d, 0, 1));
    }
    assertThat(d.pendingLimit()).isEqualTo(4);
    assertThat(five.get(4).rejection.reason()).isEqualTo(Rejection.Reason.TOO_MANY_PENDING);
    assertThat(d.queued()).isEqualTo(2); // max concurrent 2 binds before the app's 64 threads
    clock.runAll();
    assertThat(five.subList(0, 4)).allSatisfy(r -> assertThat(r.finishedAt).isNotNull());
  }

  @Test
  void waitingForAVcpuCountsTowardsTheRequestTimeout() {
    ManagedComputeDeployment d =
        new ManagedComputeDeployment("app", app(2, 2, 4), 1, 8, 250, clock, (name, nanos, n) -> {});
    List<Recorder> six = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      six.add(submit(d, 0, 1));
    }
    clock.runAll();
    // Every request holds a worker thread at once, so the deadline finds each being served (waiting
    // for a vCPU or for the model; the first two would answer at 400 ms): all are cut at 250 ms.
    assertThat(six).allSatisfy(r -> assertThat(r.timedOutAt).isEqualTo(ms(250)));
  }
}
