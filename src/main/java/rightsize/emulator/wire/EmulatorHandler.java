package rightsize.emulator.wire;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import rightsize.emulator.monitor.MetricsEndpoint;
import rightsize.emulator.truth.GroundTruth;

/**
 * Serves one connection: chat-completions routes through an {@link Exchange}, Azure Monitor's
 * metrics route through the {@link MetricsEndpoint}, and the loopback-only {@code /_rightsize/...}
 * routes that expose ground truth. Reads one request at a time (no
 * pipelining): the next request is read once the current answer has been written.
 *
 * <p>The capacity model and every answer's timers live on one event loop, the model's; a connection
 * may be served by another (with several event loops, rightsize.emulator.event-loops), which then
 * only reads requests and writes what the model's loop hands it. Everything this handler does with a
 * request runs on the model's loop.
 */
public final class EmulatorHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final Backend backend;
  private final EventExecutor modelLoop;
  private Exchange current;
  // The x-ms-client-request-id of the request being answered, echoed like every Azure answer does.
  private String clientRequestId;

  public EmulatorHandler(Backend backend, EventExecutor modelLoop) {
    this.backend = backend;
    this.modelLoop = modelLoop;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    // Auto-read is off (child option): read the first request now, each next one after an answer.
    ctx.read();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
    // When the whole request had been read, on the loop that read it.
    long arrival = backend.scheduler.nanoTime();
    if (modelLoop.inEventLoop()) {
      serve(ctx, http, arrival);
      return;
    }
    http.retain();
    modelLoop.execute(() -> {
      try {
        serve(ctx, http, arrival);
      } finally {
        http.release();
      }
    });
  }

  private void serve(ChannelHandlerContext ctx, FullHttpRequest http, long arrival) {
    clientRequestId = http.headers().get("x-ms-client-request-id");
    QueryStringDecoder uri = new QueryStringDecoder(http.uri());
    String path = uri.path();
    boolean keepAlive = HttpUtil.isKeepAlive(http);
    if (!http.decoderResult().isSuccess()) {
      plain(ctx, HttpResponseStatus.BAD_REQUEST, AzureWire.invalidRequest("malformed HTTP request", null), false);
      return;
    }
    if (path.startsWith("/_rightsize/")) {
      control(ctx, http.method(), path, uri.parameters(), keepAlive);
      return;
    }
    if (http.method() == HttpMethod.GET && MetricsEndpoint.handles(path)) {
      MetricsEndpoint.Answer a = backend.metrics.answer(path, uri.parameters(), http.headers().get(HttpHeaderNames.AUTHORIZATION));
      plain(ctx, HttpResponseStatus.valueOf(a.status()), a.body(), keepAlive);
      return;
    }
    Api api = http.method() == HttpMethod.POST ? Api.of(path) : null;
    if (api == null) {
      plain(ctx, HttpResponseStatus.NOT_FOUND, AzureWire.error("404", "Resource not found"), keepAlive);
      return;
    }
    current = new Exchange(backend, ctx, api, path, http, arrival, again -> exchangeDone(ctx, again));
    current.start(http);
  }

  private void exchangeDone(ChannelHandlerContext ctx, boolean keepAlive) {
    current = null;
    if (keepAlive) {
      ctx.read();
    } else {
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (modelLoop.inEventLoop()) {
      clientGone();
    } else {
      modelLoop.execute(this::clientGone);
    }
    ctx.fireChannelInactive();
  }

  private void clientGone() {
    if (current != null) {
      current.clientGone();
      current = null;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Clients that reset or vanish mid-answer are normal under load; the exchange records them.
    ctx.close();
  }

  private void control(
      ChannelHandlerContext ctx, HttpMethod method, String path, Map<String, List<String>> params, boolean keepAlive) {
    if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress remote)
        || !remote.getAddress().isLoopbackAddress()) {
      plain(ctx, HttpResponseStatus.FORBIDDEN, AzureWire.error("403", "ground truth is served to loopback only"), false);
      return;
    }
    GroundTruth truth = backend.truth;
    try {
      Object doc = switch (path) {
        case "/_rightsize/ground-truth" -> truth.requestsSince(
            Long.parseLong(first(params, "since", "0")), Boolean.parseBoolean(first(params, "chunks", "true")));
        case "/_rightsize/in-flight" -> truth.inFlight(first(params, "deployment", ""));
        case "/_rightsize/health" -> health();
        default -> null;
      };
      if (doc == null || method != HttpMethod.GET) {
        plain(ctx, HttpResponseStatus.NOT_FOUND, AzureWire.error("404", "Resource not found"), keepAlive);
        return;
      }
      plain(ctx, HttpResponseStatus.OK, GroundTruth.json().writeValueAsBytes(doc), keepAlive);
    } catch (NumberFormatException e) {
      plain(ctx, HttpResponseStatus.BAD_REQUEST, AzureWire.error("400", "since must be a whole number"), keepAlive);
    } catch (IOException e) {
      plain(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, AzureWire.error("500", e.getMessage()), false);
    }
  }

  private Map<String, Object> health() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("status", "ok");
    doc.put("requests", backend.truth.count());
    Map<String, Object> deployments = new LinkedHashMap<>();
    for (Backend.Served s : backend.all()) {
      deployments.put(s.spec().name(), Map.of(
          "profile", s.spec().profile().name(),
          "vmSize", s.spec().vmSize(),
          "inFlight", s.model().inFlight()));
    }
    doc.put("deployments", deployments);
    return doc;
  }

  private static String first(Map<String, List<String>> params, String key, String fallback) {
    List<String> v = params.get(key);
    return v == null || v.isEmpty() ? fallback : v.get(0);
  }

  private void plain(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body, boolean keepAlive) {
    DefaultFullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    // Every answer carries Azure's request ids, a 404 for an unknown path too.
    String id = "emulator-" + UUID.randomUUID();
    r.headers().set("apim-request-id", id).set("x-request-id", id);
    if (clientRequestId != null) {
      r.headers().set("x-ms-client-request-id", clientRequestId);
    }
    HttpUtil.setContentLength(r, body.length);
    HttpUtil.setKeepAlive(r, keepAlive);
    ctx.writeAndFlush(r);
    exchangeDone(ctx, keepAlive);
  }
}
