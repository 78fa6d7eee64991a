package rightsize.emulator.capacity;


import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rightsize.config.EmulatorSettings;
import rightsize.config.RightsizeSettings;
import rightsize.emulator.settings.DeploymentSpec;
import rightsize.emulator.settings.EmulatorSetup;

/**
 * Runs the default chatbot sweep against the default deployments in virtual time (seconds of CPU,
 * no sockets) and checks the break points docs/emulator.md promises: F2s_v2 breaks the SLO by 10
 * users, F4s_v2 holds 10 and breaks by 50, F8s_v2 holds 50 and breaks at 100.
 */
class DefaultProfilesSweepTest {
  private static final long SECOND = 1_000_000_000L;
  private static final double SLO_TTFT_S = 2.0;
  private static final double SLO_E2E_S = 20.0;
  private static final double SLO_ERRORS = 0.01;

  /** Step results: p95 ttft and e2e in seconds, error fraction, completed requests. */
  record Step(String deployment, int users, double p95TtftS, double p95E2eS, double errorRate, int requests) {
    boolean meetsSlo() {
      return p95TtftS <= SLO_TTFT_S && p95E2eS <= SLO_E2E_S && errorRate <= SLO_ERRORS;
    }

    @Override
    public String toString() {
      return String.format("| %s | %d | %.2f | %.2f | %.1f%% | %d | %s |", deployment, users, p95TtftS, p95E2eS,
          100 * errorRate, requests, meetsSlo() ? "holds" : "breaks");
    }
  }

  @Test
  void theDefaultSizesBreakTheSloAtDifferentLoads() {
    EmulatorSetup setup = EmulatorSetup.of(RightsizeSettings.reference());
    assertThat(setup.deployments()).extracting(DeploymentSpec::name)
        .containsExactly("Standard_F2s_v2", "Standard_F4s_v2", "Standard_F8s_v2");
    List<Step> steps = new ArrayList<>();
    for (DeploymentSpec spec : setup.deployments()) {
      for (int users : new int[] {1, 10, 50, 100}) {
        steps.add(run(spec, setup.settings().outputLength(), users, 42));
      }
    }
    steps.forEach(System.out::println);
    assertThat(step(steps, "Standard_F2s_v2", 1).meetsSlo()).isTrue();
    assertThat(step(steps, "Standard_F2s_v2", 10).meetsSlo()).isFalse();
    assertThat(step(steps, "Standard_F4s_v2", 10).meetsSlo()).isTrue();
    assertThat(step(steps, "Standard_F4s_v2", 50).meetsSlo()).isFalse();
    assertThat(step(steps, "Standard_F8s_v2", 10).meetsSlo()).isTrue();
    assertThat(step(steps, "Standard_F8s_v2", 50).meetsSlo()).isFalse();
    // At the same load the larger size answers sooner: the order a sizing must find.
    assertThat(step(steps, "Standard_F8s_v2", 50).p95TtftS()).isLessThan(step(steps, "Standard_F4s_v2", 50).p95TtftS() / 2);
    assertThat(step(steps, "Standard_F4s_v2", 10).p95TtftS()).isLessThan(step(steps, "Standard_F2s_v2", 10).p95TtftS() / 1.5);
  }

  private static Step step(List<Step> steps, String deployment, int users) {
    return steps.stream().filter(s -> s.deployment.equals(deployment) && s.users == users).findFirst().orElseThrow();
  }

  /**
   * A closed model of {@code users} users with 1 s think time sending chatbot requests (prompt
   * 100-1500 tokens, max_tokens 128-256) for 20 s of warm-up and 120 s measured.
   */
  static Step run(DeploymentSpec spec, EmulatorSettings.OutputLength length, int users, long seed) {
    return run(spec, length, users, seed, null);
  }

  /**
   * As {@link #run(DeploymentSpec, EmulatorSettings.OutputLength, int, long)}, every request
   * allowing {@code fixedMaxTokens} output tokens (a prompt flow's own limit) unless it is null.
   */
  static Step run(DeploymentSpec spec, EmulatorSettings.OutputLength length, int users, long seed, Integer fixedMaxTokens) {
    VirtualScheduler clock = new VirtualScheduler();
    ManagedComputeDeployment d = new ManagedComputeDeployment(spec.name(), spec.profile(), spec.instanceCount(),
        spec.maxConcurrentPerInstance(), spec.requestTimeoutMs(), clock, (n, t, c) -> {});
    SplittableRandom random = new SplittableRandom(seed);
    long warmup = 20 * SECOND;
    long end = warmup + 120 * SECOND;
    List<double[]> done = new ArrayList<>(); // ttft s, e2e s, error 0/1
    for (int u = 0; u < users; u++) {
      long firstAt = (long) (random.nextDouble() * SECOND);
      clock.schedule(() -> new User(clock, d, random, length, done, warmup, fixedMaxTokens).send(), firstAt);
    }
    clock.runUntil(end);
    double[] ttft = done.stream().filter(x -> x[2] == 0).mapToDouble(x -> x[0]).sorted().toArray();
    double[] e2e = done.stream().filter(x -> x[2] == 0).mapToDouble(x -> x[1]).sorted().toArray();
    long errors = done.stream().filter(x -> x[2] == 1).count();
    return new Step(spec.name(), users, p95(ttft), p95(e2e), done.isEmpty() ? 0 : (double) errors / done.size(),
        done.size());
  }

  private static double p95(double[] sorted) {
    if (sorted.length == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
  }

  /** One virtual user: request, wait for the whole answer (or the error), think 1 s, repeat. */
  private static final class User implements GenerationListener {
    private final VirtualScheduler clock;
    private final ManagedComputeDeployment deployment;
    private final SplittableRandom random;
    private final EmulatorSettings.OutputLength length;
    private final List<double[]> done;
    private final long measureFrom;
    private final Integer fixedMaxTokens;
    private long sentAt;
    private long firstAt;

    User(VirtualScheduler clock, ManagedComputeDeployment deployment, SplittableRandom random,
        EmulatorSettings.OutputLength length, List<double[]> done, long measureFrom, Integer fixedMaxTokens) {
      this.clock = clock;
      this.deployment = deployment;
      this.random = random;
      this.length = length;
      this.done = done;
      this.measureFrom = measureFrom;
      this.fixedMaxTokens = fixedMaxTokens;
    }

    void send() {
      int prompt = 100 + random.nextInt(1401);
      int maxTokens = fixedMaxTokens != null ? fixedMaxTokens : 128 + random.nextInt(129);
      sentAt = clock.nanoTime();
      firstAt = -1;
      deployment.submit(new Generation(sentAt, prompt, length.tokens(maxTokens, random), maxTokens, 1, this));
    }

    private void end(boolean error) {
      if (sentAt >= measureFrom) {
        double ttft = firstAt < 0 ? Double.NaN : (firstAt - sentAt) / 1e9;
        done.add(new double[] {ttft, (clock.nanoTime() - sentAt) / 1e9, error ? 1 : 0});
      }
      clock.schedule(this::send, clock.nanoTime() + SECOND);
    }

    @Override
    public void onStarted(long nowNanos, long prefillStartNanos, long prefillEndNanos) {}

    @Override
    public void onChunk(int fromToken, int toToken, long scheduledNanos) {
      if (firstAt < 0) {
        firstAt = scheduledNanos;
      }
    }

    @Override
    public void onFinished(long scheduledNanos) {
      end(false);
    }

    @Override
    public void onRejected(Rejection rejection) {
      end(true);
    }

    @Override
    public void onTimedOut() {
      end(true);
    }
  }

  @Test
  void theSweepIsDeterministicForASeed() {
    EmulatorSetup setup = EmulatorSetup.of(RightsizeSettings.reference());
    DeploymentSpec f4 = setup.deployments().get(1);
    Step a = run(f4, setup.settings().outputLength(), 10, 7);
    Step b = run(f4, setup.settings().outputLength(), 10, 7);
    assertThat(a).isEqualTo(b);
    assertThat(Arrays.asList(a.requests())).doesNotContain(0);
  }
}
