package rightsize.emulator.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import rightsize.config.EmulatorSettings;
import rightsize.config.FaultKind;
import rightsize.emulator.capacity.Generation;
import rightsize.emulator.capacity.GenerationListener;
import rightsize.emulator.capacity.RateLimitStatus;
import rightsize.emulator.capacity.Rejection;
import rightsize.emulator.capacity.Scheduler;
import rightsize.emulator.fault.Fault;
import rightsize.emulator.text.CompletionText;
import rightsize.emulator.text.PromptTokens;
import rightsize.emulator.truth.ChunkKind;
import rightsize.emulator.truth.Outcome;
import rightsize.emulator.truth.TruthRecorder;

/**
 * One request on one connection, from arrival to the last byte: reads it in its deployment's wire
 * format, asks the deployment's capacity model for a slot, writes the answer in that format as the
 * model releases tokens, and records every write in the ground truth.
 */
final class Exchange implements GenerationListener {

  private final Backend backend;
  private final ChannelHandlerContext ctx;
  private final Api api;
  private final String path;
  private boolean keepAlive;
  private final Consumer<Boolean> onDone;
  private final TruthRecorder truth;
  private final String clientRequestId;
  private final String amlDeploymentHeader;
  private final String apiVersion;
  private final long arrivalNanos;

  private Backend.Served deployment;
  private WireShape shape;
  private ChatRequest request;
  private Fault fault;
  private Generation generation;
  private WireShape.Framing events;
  private String[] plan;
  private String finishReason;
  private String completionId;
  private long createdEpochSeconds;
  private int promptTokens;
  private int contentChunks;
  private boolean midStreamFaultDone;
  private boolean headersSent;
  private boolean done;
  private Scheduler.Timer heldBody;

  Exchange(
      Backend backend,
      ChannelHandlerContext ctx,
      Api api,
      String path,
      FullHttpRequest http,
      long arrivalNanos,
      Consumer<Boolean> onDone) {
    this.backend = backend;
    this.ctx = ctx;
    this.api = api;
    this.path = path;
    this.arrivalNanos = arrivalNanos;
    this.keepAlive = HttpUtil.isKeepAlive(http);
    this.onDone = onDone;
    HttpHeaders h = http.headers();
    this.clientRequestId = h.get("x-ms-client-request-id");
    this.amlDeploymentHeader = h.get("azureml-model-deployment");
    String version = new QueryStringDecoder(http.uri()).parameters().getOrDefault("api-version", java.util.List.of()).stream()
        .findFirst().orElse(null);
    this.apiVersion = version;
    this.truth = backend.truth.begin(clientRequestId, api.wireName, arrivalNanos);
  }

  /** Checks the request and hands it to its deployment. */
  void start(FullHttpRequest http) {
    EmulatorSettings settings = backend.settings;
    if (!api.accepts(apiVersion)) {
      // Azure routes on api-version before it looks at the key or the body: 404, as for an unknown path.
      error(404, Outcome.NOT_FOUND, AzureWire.error("404", "Resource not found"));
      return;
    }
    if (settings.apiKey() != null && !authorized(http.headers(), settings.apiKey().reveal())) {
      error(401, Outcome.UNAUTHORIZED, AzureWire.error("401", "Access denied due to invalid subscription key or"
          + " wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct"
          + " regional API endpoint for your resource."));
      return;
    }
    byte[] body = new byte[http.content().readableBytes()];
    http.content().getBytes(http.content().readerIndex(), body);
    // The Azure ML route names its deployment in a header, and the deployment's format says how to read the body.
    shape = backend.wire;
    if (api == Api.AML) {
      deployment = resolve(amlDeploymentHeader);
      if (deployment == null) {
        return;
      }
      shape = deployment.amlShape();
    }
    try {
      request = shape.read(body, http.headers());
    } catch (ChatRequest.Invalid e) {
      refuse(shape.refuse(e), Outcome.BAD_REQUEST);
      return;
    }
    if (deployment == null) {
      deployment = resolve(api == Api.AZURE_OPENAI ? Api.deploymentInPath(path) : request.model());
      if (deployment == null) {
        return;
      }
    }
    try {
      fault = backend.faults.choose(deployment.spec().name(), http.headers().get("x-rightsize-fault"));
    } catch (IllegalArgumentException e) {
      error(400, Outcome.BAD_REQUEST, AzureWire.invalidRequest(e.getMessage(), null));
      return;
    }
    CompletionText text = backend.text;
    promptTokens = PromptTokens.count(request.messages(), text.encoding());
    int maxTokens = request.maxTokens() != null ? request.maxTokens() : settings.outputLength().defaultMaxTokens();
    SplittableRandom random = new SplittableRandom(settings.seed() ^ request.fingerprint());
    int completion = settings.outputLength().tokens(maxTokens, random);
    plan = text.plan(random.nextLong(), completion);
    finishReason = completion == maxTokens ? "length" : "stop";
    completionId = completionId(settings.seed(), truth.seq());
    createdEpochSeconds = backend.truth.epochMicros(backend.scheduler.nanoTime()) / 1_000_000L;
    events = shape.framing(completionId, createdEpochSeconds, request);
    truth.request(deployment.spec().name(), request.stream(), promptTokens, maxTokens, completion);
    if (fault != null) {
      truth.fault(fault.kind().configName());
      if (fault.kind().isHttpError()) {
        httpFault(fault.kind());
        return;
      }
    }
    generation = new Generation(
        arrivalNanos, promptTokens, completion, maxTokens, settings.tokensPerChunk(), this);
    deployment.model().submit(generation);
  }

  /** The connection closed under this exchange. */
  void clientGone() {
    if (done) {
      return;
    }
    done = true;
    if (generation != null) {
      generation.cancel();
    }
    if (heldBody != null) {
      heldBody.cancel();
    }
    truth.end(Outcome.CLIENT_CLOSED, now());
  }

  // ---- capacity model callbacks ----

  @Override
  public void onStarted(long nowNanos, long prefillStartNanos, long prefillEndNanos) {
    truth.started(nowNanos, prefillStartNanos, prefillEndNanos);
    if (request.stream()) {
      HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      response.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
          .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
      HttpUtil.setTransferEncodingChunked(response, true);
      if (events.closesAfterStream()) {
        keepAlive = false;
      }
      commonHeaders(response, generation.rateLimit());
      truth.status(200);
      ctx.write(response);
      headersSent = true;
      send(events.opening(), nowNanos);
      ctx.flush();
    }
    if (fault != null && fault.kind() == FaultKind.STALL && fault.afterChunks() == 0) {
      generation.delayNextChunk(fault.stallMillis() * 1_000_000L);
    }
  }

  @Override
  public void onChunk(int fromToken, int toToken, long scheduledNanos) {
    if (!request.stream()) {
      return;
    }
    if (contentChunks == 0) {
      send(events.beforeFirstContent(), scheduledNanos);
    }
    contentChunks++;
    boolean strikes = fault != null && !midStreamFaultDone && contentChunks == fault.afterChunks() + 1;
    if (strikes && (fault.kind() == FaultKind.RESET || fault.kind() == FaultKind.TRUNCATE)) {
      ctx.flush();
      cut(fault.kind());
      return;
    }
    if (strikes && fault.kind() == FaultKind.MALFORMED_CHUNK) {
      midStreamFaultDone = true;
      send(ChunkKind.MALFORMED, events.contentEvents().malformed(ctx.alloc(), plan, fromToken, toToken),
          toToken - fromToken, scheduledNanos);
    } else {
      send(ChunkKind.CONTENT, events.contentEvents().content(ctx.alloc(), plan, fromToken, toToken), toToken - fromToken,
          scheduledNanos);
    }
    ctx.flush();
    if (fault != null && fault.kind() == FaultKind.STALL && !midStreamFaultDone && contentChunks == fault.afterChunks()) {
      midStreamFaultDone = true;
      generation.delayNextChunk(fault.stallMillis() * 1_000_000L);
    }
  }

  @Override
  public void onFinished(long scheduledNanos) {
    if (request.stream()) {
      if (fault != null && !midStreamFaultDone
          && (fault.kind() == FaultKind.RESET || fault.kind() == FaultKind.TRUNCATE)) {
        cut(fault.kind());
        return;
      }
      send(events.finish(finishReason), scheduledNanos);
      send(events.usage(promptTokens, plan.length), scheduledNanos);
      long t = now();
      // Ground truth first: a client that has read the end of the stream may read the truth at once.
      truth.chunk(ChunkKind.DONE, 0, scheduledNanos, t);
      truth.end(Outcome.OK, t);
      byte[] end = events.end();
      if (end != null) {
        ctx.write(content(end));
      }
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      finish(Outcome.OK, t);
      return;
    }
    if (fault != null && fault.kind() == FaultKind.STALL) {
      long due = scheduledNanos + fault.stallMillis() * 1_000_000L;
      heldBody = backend.scheduler.schedule(() -> writeBody(due), due);
    } else {
      writeBody(scheduledNanos);
    }
  }

  @Override
  public void onRejected(Rejection rejection) {
    switch (rejection.reason()) {
      case TOO_MANY_PENDING -> error(429, Outcome.TOO_MANY_PENDING, AzureWire.error("429",
          "Too many pending requests: more than 2 * max_concurrent_requests_per_instance * instance_count = "
              + rejection.limit() + " requests are in flight for deployment '" + deployment.spec().name() + "'."));
      case REQUEST_TIMEOUT -> timeoutError(rejection.limit());
      case TOKEN_RATE_LIMIT, REQUEST_RATE_LIMIT -> rateLimited(rejection);
    }
  }

  @Override
  public void onTimedOut() {
    if (headersSent) {
      ctx.flush();
      done = true;
      truth.end(Outcome.TIMEOUT_MID_STREAM, now());
      closeAfterWrites();
      return;
    }
    timeoutError(deployment.spec().requestTimeoutMs());
  }

  // ---- answers ----

  private void writeBody(long scheduledNanos) {
    heldBody = null;
    byte[] body = events.body(CompletionText.text(plan, 0, plan.length), finishReason, promptTokens, plan.length);
    if (fault != null && fault.kind() == FaultKind.RESET) {
      cut(FaultKind.RESET);
      return;
    }
    if (fault != null && (fault.kind() == FaultKind.TRUNCATE || fault.kind() == FaultKind.MALFORMED_CHUNK)) {
      // Headers promise the whole body; half of it arrives (truncate: then the connection closes).
      HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
      commonHeaders(response, generation.rateLimit());
      boolean truncate = fault.kind() == FaultKind.TRUNCATE;
      if (truncate) {
        HttpUtil.setContentLength(response, body.length);
      } else {
        HttpUtil.setContentLength(response, body.length / 2);
      }
      truth.status(200);
      long t = now();
      truth.chunk(truncate ? ChunkKind.BODY : ChunkKind.MALFORMED, 0, scheduledNanos, t);
      if (!truncate) {
        truth.end(Outcome.OK, t);
      }
      ctx.write(response);
      ctx.write(content(java.util.Arrays.copyOf(body, body.length / 2)));
      if (truncate) {
        cut(FaultKind.TRUNCATE);
      } else {
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        finish(Outcome.OK, t);
      }
      return;
    }
    DefaultFullHttpResponse response = full(200, body);
    commonHeaders(response, generation.rateLimit());
    truth.status(200);
    long t = now();
    truth.chunk(ChunkKind.BODY, plan.length, scheduledNanos, t);
    truth.end(Outcome.OK, t);
    ctx.writeAndFlush(response);
    finish(Outcome.OK, t);
  }

  /** Ends the stream early: a TCP reset, or a clean close without the rest of the stream. */
  private void cut(FaultKind kind) {
    midStreamFaultDone = true;
    if (generation != null && generation.running()) {
      generation.cancel();
    }
    done = true;
    truth.end(kind == FaultKind.RESET ? Outcome.FAULT_RESET : Outcome.FAULT_TRUNCATED, now());
    if (kind == FaultKind.RESET) {
      ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
      ctx.close();
    } else {
      closeAfterWrites();
    }
  }

  /** The key as an api-key header or a bearer token, compared in constant time. */
  private static boolean authorized(HttpHeaders headers, String key) {
    String presented = headers.get("api-key");
    String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
    if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = authorization.substring(7).trim();
    }
    return presented != null && java.security.MessageDigest.isEqual(
        presented.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void closeAfterWrites() {
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  private void httpFault(FaultKind kind) {
    switch (kind) {
      case HTTP_500 -> error(500, Outcome.FAULT_HTTP_ERROR, AzureWire.error("InternalServerError",
          "The server had an error while processing your request. Sorry about that!"));
      case HTTP_503 -> error(503, Outcome.FAULT_HTTP_ERROR, AzureWire.error("ServiceUnavailable",
          "The service is temporarily unable to process your request. Please try again later."));
      default -> refuse(shape.modelError(), Outcome.FAULT_HTTP_ERROR);
    }
  }

  private void timeoutError(long timeoutMs) {
    error(408, Outcome.TIMEOUT, AzureWire.error("408", "Request timeout: the model execution took longer than"
        + " request_timeout_ms (" + timeoutMs + " ms) of deployment '" + deployment.spec().name() + "'."));
  }

  private void rateLimited(Rejection r) {
    long seconds = Math.max(1, (r.retryAfterMillis() + 999) / 1000);
    String what = r.reason() == Rejection.Reason.TOKEN_RATE_LIMIT ? "token rate limit" : "call rate limit";
    DefaultFullHttpResponse response = full(429, AzureWire.error("429",
        "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version " + (apiVersion != null ? apiVersion : "v1")
            + " have exceeded " + what + " of your current OpenAI S0 pricing tier. Please retry after " + seconds
            + " seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase"
            + " the default rate limit."));
    response.headers()
        .set("retry-after", Long.toString(seconds))
        .set("retry-after-ms", Long.toString(r.retryAfterMillis()));
    commonHeaders(response, r.rateLimit());
    respond(response, Outcome.RATE_LIMITED);
  }

  private void refuse(WireShape.Refusal refusal, Outcome outcome) {
    DefaultFullHttpResponse r = full(refusal.status(), refusal.body());
    refusal.headers().forEach(r.headers()::set);
    respond(r, outcome);
  }

  private void error(int status, Outcome outcome, byte[] body) {
    respond(full(status, body), outcome);
  }

  private void respond(DefaultFullHttpResponse response, Outcome outcome) {
    if (response.headers().get("x-ms-client-request-id") == null) {
      commonHeaders(response, null);
    }
    truth.status(response.status().code());
    long t = now();
    truth.chunk(ChunkKind.ERROR, 0, t, t);
    truth.end(outcome, t);
    ctx.writeAndFlush(response);
    finish(outcome, t);
  }

  /** The answer is complete (its truth already recorded): the connection may serve the next request. */
  private void finish(Outcome outcome, long nanos) {
    done = true;
    truth.end(outcome, nanos);
    onDone.accept(keepAlive);
  }

  /** The deployment called {@code name} (none: the only one), or null after answering 404 or 400. */
  private Backend.Served resolve(String name) {
    Backend.Served served = name != null ? backend.find(name) : backend.single();
    if (served != null) {
      return served;
    }
    if (name == null && api == Api.AML) {
      error(404, Outcome.NOT_FOUND, AzureWire.error("404", "No valid deployments to route to. Please check that the"
          + " endpoint has at least one deployment with positive weight values or use a deployment specific header"
          + " to route."));
    } else if (name == null) {
      error(400, Outcome.BAD_REQUEST, AzureWire.invalidRequest("you must provide a model parameter", "model"));
    } else {
      error(404, Outcome.NOT_FOUND, AzureWire.error("DeploymentNotFound", "The API deployment for this resource does"
          + " not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."));
    }
    return null;
  }

  private void commonHeaders(HttpResponse response, RateLimitStatus rateLimit) {
    HttpHeaders h = response.headers();
    String id = truth.requestId();
    h.set("x-ms-client-request-id", clientRequestId != null ? clientRequestId : id);
    h.set("apim-request-id", "emulator-" + truth.seq());
    h.set("x-request-id", "emulator-" + truth.seq());
    if (api == Api.AML && deployment != null) {
      h.set("azureml-model-deployment", deployment.spec().name());
    }
    if (rateLimit != null) {
      h.set("x-ratelimit-remaining-requests", Long.toString(rateLimit.remainingRequests()));
      h.set("x-ratelimit-remaining-tokens", Long.toString(rateLimit.remainingTokens()));
    }
    HttpUtil.setKeepAlive(response, keepAlive);
  }

  private DefaultFullHttpResponse full(int status, byte[] body) {
    DefaultFullHttpResponse r = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    HttpUtil.setContentLength(r, body.length);
    return r;
  }

  /** Writes an event of the format, when it has one at this point. */
  private void send(WireShape.Event event, long scheduledNanos) {
    if (event != null) {
      send(event.kind(), Unpooled.wrappedBuffer(event.bytes()), 0, scheduledNanos);
    }
  }

  private void send(ChunkKind kind, ByteBuf bytes, int tokens, long scheduledNanos) {
    long t = now();
    ctx.write(new DefaultHttpContent(bytes));
    truth.chunk(kind, tokens, scheduledNanos, t);
  }

  private static DefaultHttpContent content(byte[] bytes) {
    return new DefaultHttpContent(Unpooled.wrappedBuffer(bytes));
  }

  private long now() {
    return backend.scheduler.nanoTime();
  }

  private static String completionId(long seed, long seq) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SplittableRandom r = new SplittableRandom(seed * 31 + seq);
    StringBuilder sb = new StringBuilder("chatcmpl-");
    for (int i = 0; i < 29; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

}
