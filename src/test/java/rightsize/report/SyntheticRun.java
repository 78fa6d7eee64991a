package rightsize.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import rightsize.analysis.CapacityFile;
import rightsize.config.Slo;
import rightsize.population.Step;
import rightsize.record.LoadUnit;
import rightsize.record.RecordWriter;
import rightsize.record.RequestRecord;
import rightsize.record.Status;
import rightsize.sizing.CapacitySearch;

/**
 * Writes the record file of a made-up but plausible sizing run: closed-model users sending
 * back-to-back requests (1 s think time) to F2s_v2, F4s_v2 and F8s_v2 at 1, 10, 50 and 100 users.
 *
 * <p>ttft = 50 ms + prompt / 5 tokens/ms x (1 + (users / C)^2), tpot = 30 ms x (1 + users / 2C),
 * with C = 3, 15, 45 users: F2s_v2 breaks the default SLO (p95 ttft 2 s) at 10 users, F4s_v2 at
 * 50, F8s_v2 at 100 (where 10% of requests are also throttled: users > 2C).
 */
final class SyntheticRun {
  static final long T0 = 1_795_000_000_000_000L;
  static final String[] SIZES = {"Standard_F2s_v2", "Standard_F4s_v2", "Standard_F8s_v2"};
  static final double[] CAPACITY = {3, 15, 45};
  static final int[] STEPS = {1, 10, 50, 100};

  private long seed = 1;
  private double stepSeconds = 60;
  private String injector = "injector-1";
  private String runId = "synthetic";
  private final Map<String, Double> slowdown = new HashMap<>();
  private int users = 1;
  private int userCount = 1;
  private long offsetMicros;

  SyntheticRun seed(long value) {
    seed = value;
    return this;
  }

  SyntheticRun stepSeconds(double value) {
    stepSeconds = value;
    return this;
  }

  SyntheticRun injector(String value) {
    injector = value;
    return this;
  }

  SyntheticRun runId(String value) {
    runId = value;
    return this;
  }

  /** Makes every latency of {@code deployment} {@code factor} times longer (and its throughput lower). */
  SyntheticRun slowdown(String deployment, double factor) {
    slowdown.put(deployment, factor);
    return this;
  }

  /**
   * Simulates only user {@code index} of every {@code count} (for splitting one run over several
   * injectors: the union of all indexes is the whole run).
   */
  SyntheticRun users(int index, int count) {
    users = index;
    userCount = count;
    return this;
  }

  /** Starts every request {@code micros} later (a later run). */
  SyntheticRun offset(long micros) {
    offsetMicros = micros;
    return this;
  }

  /** Writes the records, streaming, and returns how many were written. */
  long write(Path file) {
    try (RecordWriter writer = new RecordWriter(file)) {
      generate(writer::write);
      return writer.written();
    }
  }

  /**
   * Writes the run into {@code runDir} as a capacity search under {@code slo} lets it happen: every
   * record goes through a real {@link CapacitySearch} as its step begins, the steps it skips leave no
   * records, and its results go to capacity.json by {@link CapacityFile#write}. Returns the records written.
   */
  long writeSearched(Path runDir, Slo slo) {
    Duration hold = Duration.ofMillis((long) (stepSeconds * 1000));
    Map<String, Step> steps = new HashMap<>();
    steps.put(RequestRecord.WARMUP_STEP,
        new Step(RequestRecord.WARMUP_STEP, 2, LoadUnit.USERS, Duration.ofSeconds(10), true));
    List<Step> measured = new ArrayList<>();
    for (int users : STEPS) {
      Step step = new Step(users + " users", users, LoadUnit.USERS, hold, false);
      steps.put(step.label(), step);
      measured.add(step);
    }
    List<CapacitySearch.Target> plan = new ArrayList<>();
    for (String size : SIZES) {
      plan.add(new CapacitySearch.Target(size, size, measured));
    }
    CapacitySearch search = new CapacitySearch(plan, slo, true, line -> { });
    String[] current = {null};
    boolean[] running = {false};
    try (RecordWriter writer = new RecordWriter(runDir.resolve("records.jsonl"))) {
      generate(r -> {
        String step = r.deployment() + "\u0000" + r.step();
        if (!step.equals(current[0])) {
          current[0] = step;
          running[0] = search.begin(r.deployment(), steps.get(r.step()));
        }
        if (running[0]) {
          search.add(r);
          writer.write(r);
        }
      });
      CapacityFile.write(runDir.resolve(CapacityFile.NAME), slo, false, true, search.finish());
      return writer.written();
    }
  }

  List<RequestRecord> records() {
    List<RequestRecord> out = new ArrayList<>();
    generate(out::add);
    return out;
  }

  private void generate(Consumer<RequestRecord> out) {
    long stepStart = T0 + offsetMicros;
    for (int d = 0; d < SIZES.length; d++) {
      // Each deployment gets its own random stream so that slowing one does not reshuffle the others.
      SplittableRandom random = new SplittableRandom(seed * 31 + d);
      stepStart = step(out, random, d, RequestRecord.WARMUP_STEP, true, 2, 10, stepStart);
      for (int users : STEPS) {
        stepStart = step(out, random, d, users + " users", false, users, stepSeconds, stepStart);
      }
    }
  }

  private long step(Consumer<RequestRecord> out, SplittableRandom random, int d, String label, boolean warmup,
      int stepUsers, double seconds, long start) {
    double factor = slowdown.getOrDefault(SIZES[d], 1.0);
    double c = CAPACITY[d];
    long end = start + (long) (seconds * 1e6);
    for (int u = 0; u < stepUsers; u++) {
      // Every user draws its numbers whether or not this injector simulates it, so splits add up.
      boolean mine = u % userCount == users % userCount;
      long t = start + random.nextLong(1_000_000);
      int n = 0;
      while (t < end) {
        int prompt = (int) Math.round(Math.exp(Math.log(100) + random.nextDouble() * Math.log(30)));
        int completion = 20 + random.nextInt(281);
        double ttft = (50 + prompt / 5.0 * (1 + Math.pow(stepUsers / c, 2))) * factor
            * (0.9 + 0.2 * random.nextDouble());
        double tpot = 30 * (1 + stepUsers / (2 * c)) * factor;
        double e2e = ttft + tpot * (completion - 1);
        boolean throttled = stepUsers > 2 * c && random.nextDouble() < 0.10;
        boolean cached = random.nextDouble() < 0.2;
        if (mine) {
          out.accept(record(d, label, warmup, stepUsers, t, throttled ? null : ttft, throttled ? 5 : e2e,
              prompt, throttled ? 0 : completion, cached ? prompt / 2 : 0, throttled ? Status.THROTTLED : Status.OK,
              n));
        }
        t += (long) ((throttled ? 5 : e2e) * 1000) + 1_000_000;
        n++;
      }
    }
    return end + 5_000_000;
  }

  private RequestRecord record(int d, String step, boolean warmup, double load, long start, Double ttft, double e2e,
      int prompt, int completion, int cached, Status status, int n) {
    boolean ok = status.isOk();
    return new RequestRecord(runId, injector, "chatbot", SIZES[d], "emulator", SIZES[d], step, load, LoadUnit.USERS,
        warmup, "chat", SIZES[d] + "-" + start + "-" + n, start, ttft, e2e,
        ok ? new RequestRecord.Itl(completion - 1, 30, 30, 60) : null,
        new RequestRecord.Tokens(prompt, completion, cached, 0, RequestRecord.TokenSource.usage),
        ok ? "stop" : null, status, ok ? 200 : 429, ok ? null : "429",
        ok ? null : "Requests to the ChatCompletions_Create Operation have exceeded the token rate limit",
        ok ? null : new RequestRecord.RateLimit(1000L, 0L, 0L, null));
  }
}
