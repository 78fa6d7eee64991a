package rightsize.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback HTTP/1.1 server for tests that answers chat requests by a script: streams SSE chunks
 * at fixed offsets from the request's arrival, error statuses, disconnects and stalls. It keeps
 * what it received and when it sent every chunk (System.nanoTime), and counts connections.
 */
public final class ScriptedChatServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the server received it, and when it sent each part of the reply. */
  public static final class Received {
    public final long receivedNanos;
    public final String method;
    public final String uri;
    public final Map<String, String> headers;
    public final String body;
    public final String connection;
    /** System.nanoTime just before each scripted chunk was written, in script order. */
    public final List<Long> sentNanos = new CopyOnWriteArrayList<>();
    /** The same instants on the wall clock, in microseconds since the epoch (comparable across JVMs). */
    public final List<Long> sentEpochMicros = new CopyOnWriteArrayList<>();
    public final long receivedEpochMicros;

    Received(long receivedNanos, long receivedEpochMicros, String method, String uri, Map<String, String> headers, String body, String connection) {
      this.receivedNanos = receivedNanos;
      this.receivedEpochMicros = receivedEpochMicros;
      this.method = method;
      this.uri = uri;
      this.headers = headers;
      this.body = body;
      this.connection = connection;
    }

    /** Header value by case-insensitive name, or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase());
    }

    /** The request id the client sent. */
    public String requestId() {
      return header("x-ms-client-request-id");
    }

    /** The parsed JSON body. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new IllegalStateException("body is not JSON: " + body, e);
      }
    }

    /** The content of the last message in the body. */
    public String lastMessage() {
      JsonNode msgs = json().path("messages");
      return msgs.get(msgs.size() - 1).path("content").asText();
    }

    /** Milliseconds from receipt to the write of scripted chunk {@code i}. */
    public double sentOffsetMs(int i) {
      return (sentNanos.get(i) - receivedNanos) / 1e6;
    }
  }

  /** A scripted reply. */
  public static final class Reply {
    final int status;
    final Map<String, String> headers;
    final List<Long> offsetsMs;
    final List<String> chunks;
    final String body;
    final Ending ending;

    private Reply(int status, Map<String, String> headers, List<Long> offsetsMs, List<String> chunks, String body, Ending ending) {
      this.status = status;
      this.headers = headers;
      this.offsetsMs = offsetsMs;
      this.chunks = chunks;
      this.body = body;
      this.ending = ending;
    }

    /** A whole response with {@code status}, JSON body and extra headers. */
    public static Reply status(int status, String body, Map<String, String> headers) {
      return new Reply(status, headers, List.of(), List.of(), body, Ending.END);
    }

    /** A 200 non-streaming JSON answer. */
    public static Reply json(String body) {
      return status(200, body, Map.of());
    }

    /** A 200 SSE stream: {@code chunks.get(i)} is written at {@code offsetsMs.get(i)} ms after the request arrived, then {@code ending}. */
    public static Reply stream(List<Long> offsetsMs, List<String> chunks, Ending ending) {
      if (offsetsMs.size() != chunks.size()) {
        throw new IllegalArgumentException("one offset per chunk");
      }
      return new Reply(200, Map.of(), offsetsMs, chunks, null, ending);
    }

    /** The same reply with {@code more} headers in its head. */
    public Reply withHeaders(Map<String, String> more) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.putAll(more);
      return new Reply(status, all, offsetsMs, chunks, body, ending);
    }

    /** Accepts the request and never answers. */
    public static Reply silence() {
      return new Reply(200, Map.of(), List.of(), List.of(), null, Ending.STALL_BEFORE_HEAD);
    }
  }

  /** What happens after the last scripted chunk. */
  public enum Ending {
    /** The body ends properly (last chunk of the chunked encoding). */
    END,
    /** The connection is closed without ending the body. */
    DISCONNECT,
    /**
     * The body is close-delimited (no chunked encoding, {@code Connection: close}) and ends when the
     * server closes the connection, as prompt-flow endpoints do.
     */
    CLOSE,
    /** The connection is reset (RST, SO_LINGER 0) mid-body. */
    RESET,
    /** Nothing more is sent; the connection stays open. */
    STALL,
    /** Not even the response head is sent. */
    STALL_BEFORE_HEAD
  }

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile Function<Received, Reply> script;

  public ScriptedChatServer(Function<Received, Reply> script) {
    this.script = script;
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.incrementAndGet();
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(10 * 1024 * 1024), new Handler());
                  }
                });
    this.server = b.bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
  }

  /** Replaces the script for the following requests. */
  public void script(Function<Received, Reply> script) {
    this.script = script;
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** http://127.0.0.1:port */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Every request received so far, in arrival order. */
  public List<Received> received() {
    return Collections.unmodifiableList(new ArrayList<>(received));
  }

  /** The request carrying {@code requestId}. */
  public Received byRequestId(String requestId) {
    return received.stream().filter(r -> requestId.equals(r.requestId())).findFirst()
        .orElseThrow(() -> new AssertionError("server never received request " + requestId));
  }

  /** TCP connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** An SSE event whose choice 0 delta carries {@code content}. */
  public static String contentChunk(String content) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
        + quote(content) + "},\"finish_reason\":null}]}\n\n";
  }

  /** The role-only first delta. */
  public static String roleChunk() {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n";
  }

  /** The finish chunk. */
  public static String finishChunk(String reason) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}\n\n";
  }

  /** The usage-only final event. */
  public static String usageChunk(int prompt, int completion) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt
        + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) + "}}\n\n";
  }

  public static final String DONE = "data: [DONE]\n\n";

  private static long epochMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      long now = System.nanoTime();
      if (req.decoderResult().isFailure()) {
        ctx.close(); // not HTTP (e.g. a TLS ClientHello): nothing was received as a request
        return;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
      Received r = new Received(now, epochMicros(), req.method().name(), req.uri(), headers, req.content().toString(StandardCharsets.UTF_8), ctx.channel().id().asShortText());
      received.add(r);
      Reply reply = script.apply(r);
      if (reply.ending == Ending.STALL_BEFORE_HEAD) {
        return;
      }
      if (reply.body != null) {
        DefaultFullHttpResponse res =
            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status), Unpooled.copiedBuffer(reply.body, StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        reply.headers.forEach((k, v) -> res.headers().set(k, v));
        ctx.writeAndFlush(res);
        return;
      }
      DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status));
      head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
      if (reply.ending == Ending.CLOSE) {
        head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      } else {
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      }
      reply.headers.forEach((k, v) -> head.headers().set(k, v));
      ctx.writeAndFlush(head);
      schedule(ctx, r, reply, 0);
    }

    private void schedule(ChannelHandlerContext ctx, Received r, Reply reply, int i) {
      if (i == reply.chunks.size()) {
        if (reply.ending == Ending.END) {
          ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } else if (reply.ending == Ending.DISCONNECT || reply.ending == Ending.CLOSE) {
          ctx.close();
        } else if (reply.ending == Ending.RESET) {
          ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
          ctx.close();
        }
        return;
      }
      long due = r.receivedNanos + TimeUnit.MILLISECONDS.toNanos(reply.offsetsMs.get(i));
      ctx.executor().schedule(() -> {
        if (!ctx.channel().isActive()) {
          return;
        }
        r.sentEpochMicros.add(epochMicros());
        r.sentNanos.add(System.nanoTime());
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(reply.chunks.get(i), StandardCharsets.UTF_8)));
        schedule(ctx, r, reply, i + 1);
      }, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
