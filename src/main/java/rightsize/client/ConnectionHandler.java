package rightsize.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import rightsize.config.Timeouts;
import rightsize.record.Status;

/**
 * Drives one keep-alive connection: writes one request at a time, feeds the response to its
 * {@link Exchange}, enforces the timeouts, and hands the connection back to the pool only after a
 * response arrived completely.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  /** How long a connection may keep sending after its response was complete ([DONE]) before it is closed. */
  static final long DRAIN_MS = 5_000;

  private final ConnectionPool pool;
  private final Origin origin;
  private Channel channel;
  private Exchange current;
  private ScheduledFuture<?> drainTimer;

  ConnectionHandler(ConnectionPool pool, Origin origin) {
    this.pool = pool;
    this.origin = origin;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  /** Sends {@code ex} on this connection; runs on the connection's event loop. */
  void send(Exchange ex) {
    current = ex;
    ChatRequest r = ex.request;
    FullHttpRequest req =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, pathAndQuery(r.uri()), Unpooled.wrappedBuffer(r.body()));
    req.headers().set(HttpHeaderNames.HOST, origin.hostHeader());
    req.headers().set(HttpHeaderNames.USER_AGENT, "rightsize");
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      req.headers().set(h.getKey(), h.getValue());
    }
    req.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
    Timeouts t = r.timeouts();
    ex.markWritten();
    ex.firstTokenTimer = channel.eventLoop().schedule(() -> onFirstTokenTimeout(ex), t.firstToken().toNanos(), TimeUnit.NANOSECONDS);
    ex.totalTimer = channel.eventLoop().schedule(() -> onTotalTimeout(ex), t.total().toNanos(), TimeUnit.NANOSECONDS);
    channel
        .writeAndFlush(req)
        .addListener(
            f -> {
              if (!f.isSuccess() && current == ex) {
                ex.fail(Status.CONNECTION_LOST, "request could not be written: " + describe(f.cause()), System.nanoTime());
                channel.close();
              }
            });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    long now = System.nanoTime();
    try {
      Exchange ex = current;
      if (ex == null || !(msg instanceof HttpObject)) {
        return;
      }
      DecoderResult result = ((HttpObject) msg).decoderResult();
      if (result.isFailure()) {
        Throwable cause = result.cause();
        if (cause instanceof PrematureChannelClosureException) {
          ex.fail(Status.CONNECTION_LOST, "connection closed before the response ended", now);
        } else {
          ex.fail(Status.MALFORMED_STREAM, "invalid HTTP response: " + describe(cause), now);
        }
        abandon();
        return;
      }
      if (msg instanceof HttpResponse) {
        HttpResponse head = (HttpResponse) msg;
        if (head.status().code() / 100 == 1) {
          return; // interim 1xx: the real head follows
        }
        ex.onHead(head);
      }
      if (msg instanceof HttpContent) {
        ex.onBody(((HttpContent) msg).content(), now);
        if (msg instanceof LastHttpContent) {
          ex.onBodyEnd(now);
          release(ex);
          return;
        }
      }
      if (ex.delivered() && drainTimer == null) {
        // Complete ([DONE]) before the body ended: give the server a moment to finish the body.
        drainTimer = channel.eventLoop().schedule(this::abandon, DRAIN_MS, TimeUnit.MILLISECONDS);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void release(Exchange ex) {
    current = null;
    cancelDrain();
    if (ex.reusable() && channel.isActive()) {
      pool.release(origin, channel);
    } else {
      channel.close();
    }
  }

  /** Drops the connection: it cannot carry another request. */
  private void abandon() {
    current = null;
    cancelDrain();
    channel.close();
  }

  private void cancelDrain() {
    if (drainTimer != null) {
      drainTimer.cancel(false);
      drainTimer = null;
    }
  }

  private void onFirstTokenTimeout(Exchange ex) {
    if (current == ex && !ex.delivered() && ex.awaitingFirstContent()) {
      ex.fail(Status.TIMEOUT_FIRST_TOKEN, "no content within " + ex.request.timeouts().firstToken().toMillis() + " ms", System.nanoTime());
      abandon();
    }
  }

  private void onTotalTimeout(Exchange ex) {
    if (current == ex && !ex.delivered()) {
      ex.fail(Status.TIMEOUT_TOTAL, "response not complete within " + ex.request.timeouts().total().toMillis() + " ms", System.nanoTime());
      abandon();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange ex = current;
    current = null;
    cancelDrain();
    pool.remove(origin, channel);
    if (ex != null && !ex.delivered()) {
      ex.fail(Status.CONNECTION_LOST, "connection closed before the response ended", System.nanoTime());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Exchange ex = current;
    if (ex != null && !ex.delivered()) {
      Status status = cause instanceof IOException ? Status.CONNECTION_LOST : Status.MALFORMED_STREAM;
      ex.fail(status, describe(cause), System.nanoTime());
    }
    abandon();
  }

  static String describe(Throwable t) {
    Throwable root = t;
    while (!(root instanceof NotSslRecordException) && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof NotSslRecordException) {
      // Netty's message is a hex dump of whatever the server sent instead of a TLS record.
      return "the server answered in plain text, not TLS: is the endpoint http:// rather than https://?";
    }
    String m = root.getMessage();
    String name = root.getClass().getSimpleName();
    return (m == null || m.isBlank() ? name : name + ": " + m).replaceAll("\\s+", " ");
  }

  private static String pathAndQuery(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }
}
