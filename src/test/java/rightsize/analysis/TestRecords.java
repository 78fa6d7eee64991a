package rightsize.analysis;

import rightsize.record.LoadUnit;
import rightsize.record.RequestRecord;
import rightsize.record.Status;

/** Builds request records for tests with only the fields a test cares about set. */
public final class TestRecords {
  private String injector = "injector-1";
  private String deployment = "Standard_F2s_v2";
  private String vmSize = "Standard_F2s_v2";
  private String step = "10 users";
  private double load = 10;
  private LoadUnit loadUnit = LoadUnit.USERS;
  private boolean warmup;
  private String request = "chat";
  private long startEpochMicros = 1_700_000_000_000_000L;
  private Double ttftMs = 100.0;
  private double e2eMs = 1000;
  private Integer prompt = 100;
  private Integer completion = 10;
  private Integer cached = 0;
  private RequestRecord.TokenSource tokenSource = RequestRecord.TokenSource.usage;
  private Status status = Status.OK;
  private Boolean streamed;
  private Double firstReasoningMs;
  private Integer reasoning = 0;

  public static TestRecords record() {
    return new TestRecords();
  }

  public TestRecords injector(String value) {
    injector = value;
    return this;
  }

  public TestRecords deployment(String name, String size) {
    deployment = name;
    vmSize = size;
    return this;
  }

  public TestRecords step(String label, double value) {
    step = label;
    load = value;
    return this;
  }

  /** What the step's load counts (users unless set). */
  public TestRecords unit(LoadUnit value) {
    loadUnit = value;
    return this;
  }

  /** Marks the request as made while warming up. */
  public TestRecords warmup() {
    warmup = true;
    return this;
  }

  public TestRecords request(String value) {
    request = value;
    return this;
  }

  public TestRecords start(long epochMicros) {
    startEpochMicros = epochMicros;
    return this;
  }

  public TestRecords ttft(Double ms) {
    ttftMs = ms;
    return this;
  }

  public TestRecords e2e(double ms) {
    e2eMs = ms;
    return this;
  }

  public TestRecords tokens(Integer promptTokens, Integer completionTokens) {
    prompt = promptTokens;
    completion = completionTokens;
    return this;
  }

  public TestRecords cached(Integer cachedTokens) {
    cached = cachedTokens;
    return this;
  }

  /** Where the token counts came from; with {@code none}, set the counts to null too. */
  public TestRecords tokenSource(RequestRecord.TokenSource value) {
    tokenSource = value;
    return this;
  }

  /** The answer came as one JSON body: no ttft, recorded as not streamed. */
  public TestRecords notStreamed() {
    streamed = false;
    ttftMs = null;
    return this;
  }

  /** The response reasoned: its first reasoning event at {@code firstMs} (null: not streamed), {@code tokens} reasoning tokens. */
  public TestRecords reasoning(Double firstMs, Integer tokens) {
    firstReasoningMs = firstMs;
    reasoning = tokens;
    return this;
  }

  public TestRecords status(Status value) {
    status = value;
    return this;
  }

  public RequestRecord build() {
    boolean ok = status.isOk();
    return new RequestRecord(
        "run-1",
        injector,
        "chatbot",
        deployment,
        "emulator",
        vmSize,
        step,
        load,
        loadUnit,
        warmup,
        request,
        "req-" + startEpochMicros,
        startEpochMicros,
        firstReasoningMs,
        ok ? ttftMs : null,
        e2eMs,
        ok && completion != null ? new RequestRecord.Itl(Math.max(0, completion - 1), 10, 10, 20) : null,
        new RequestRecord.Tokens(prompt, ok ? completion : Integer.valueOf(0), cached, reasoning, tokenSource),
        ok ? "stop" : null,
        status,
        ok ? 200 : status == Status.THROTTLED ? 429 : 500,
        null,
        ok ? null : status.wireName(),
        null, streamed);
  }
}
