package rightsize.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import rightsize.config.Timeouts;
import rightsize.config.WireFormatSettings;
import rightsize.netty.NettyTransport;
import rightsize.record.Status;

/**
 * Sends requests through a new client to a throwaway server on loopback before it measures anything.
 * A few requests load the classes of the connect, write and read paths, which a cold JVM paid
 * between the first real request's written instant and the wire (about 10 ms, inflating the first
 * ttft values of a run). The error answers a run may meet (a throttled 429 with its rate-limit
 * headers, a 500, a gateway's 502 page) are read once each too: the first of them in a run was read
 * 2-4.5 ms late before (issue 13), and a warm-up at one user does not make a real deployment fail.
 * Then, when asked, many streams of a dozen events each: the JIT compiles per-request code only
 * after some 10,000 requests, and while it did so during a measured step at 1,000 streams it put the
 * client's loop up to 100 ms behind (docs/benchmarks.md, "The JIT warm-up").
 */
final class LoopbackWarmUp {
  private static final int ROUNDS = 3;
  /** Requests in flight during the compile phase: enough to exercise the pool's many connections. */
  private static final int IN_FLIGHT = 64;
  private static final String COMPILE_PATH = "/warm-up/compile";
  private static final String SSE = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n";
  private static final byte[] RESPONSE =
      ("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
              + Integer.toHexString(SSE.length()) + "\r\n" + SSE + "\r\n0\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
  /**
   * A whole stream as Azure OpenAI sends it: the prompt's filter results, a role event, twelve content
   * events with their filter results, the finish and the usage.
   */
  private static final byte[] STREAM = stream();

  private static byte[] stream() {
    String filters = "{\"hate\":{\"filtered\":false,\"severity\":\"safe\"},\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},"
        + "\"sexual\":{\"filtered\":false,\"severity\":\"safe\"},\"violence\":{\"filtered\":false,\"severity\":\"safe\"}}";
    String head = "data: {\"id\":\"chatcmpl-warm-up\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-2024-08-06\","
        + "\"system_fingerprint\":\"fp_warm_up\",\"choices\":";
    List<String> events = new ArrayList<>();
    events.add("data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\",\"prompt_filter_results\":"
        + "[{\"prompt_index\":0,\"content_filter_results\":" + filters + "}]}\n\n");
    events.add(head + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null,\"logprobs\":null}]}\n\n");
    events.addAll(Collections.nCopies(12, head + "[{\"content_filter_results\":" + filters
        + ",\"index\":0,\"delta\":{\"content\":\" word\"},\"finish_reason\":null,\"logprobs\":null}]}\n\n"));
    events.add(head + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\",\"logprobs\":null}]}\n\n");
    events.add(head + "[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":12,\"total_tokens\":112}}\n\ndata: [DONE]\n\n");
    StringBuilder b = new StringBuilder("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n");
    for (String e : events) {
      b.append(Integer.toHexString(e.length())).append("\r\n").append(e).append("\r\n");
    }
    return b.append("0\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** The error answers read once each, by the path that asks for them. */
  private static final Map<String, byte[]> ERRORS = Map.of(
      "/warm-up/429", error("429 Too Many Requests", "application/json",
          "retry-after-ms: 1000\r\nretry-after: 1\r\nx-ratelimit-remaining-tokens: 0\r\nx-ratelimit-remaining-requests: 0\r\n",
          "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the ChatCompletions_Create Operation have exceeded the"
              + " token rate limit. Please retry after 1 second.\"}}"),
      "/warm-up/500", error("500 Internal Server Error", "application/json", "",
          "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"The server had an error.\"}}"),
      "/warm-up/502", error("502 Bad Gateway", "text/html", "", "<html><body><h1>502 Bad Gateway</h1></body></html>"));

  private static byte[] error(String status, String type, String headers, String body) {
    return ("HTTP/1.1 " + status + "\r\ncontent-type: " + type + "\r\n" + headers + "content-length: " + body.length()
        + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
  }

  private LoopbackWarmUp() {}

  /**
   * What the warm-up read: each answer of its first requests in order, and how many of the {@code
   * compileRequests} streams ended ok.
   */
  record Read(List<ChatResult> answers, int compiledOk) {}

  /** Best effort: a client that cannot bind loopback simply starts cold. */
  static Read run(ChatClient client, EventLoopGroup group, NettyTransport transport, int compileRequests) {
    List<ChatResult> read = Collections.synchronizedList(new ArrayList<>());
    int compiledOk = 0;
    ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    Channel server = null;
    try {
      server =
          new ServerBootstrap()
              .group(group)
              .channel(transport.serverSocketChannel())
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      accepted.add(ch);
                      ch.pipeline().addLast(new Responder());
                    }
                  })
              .bind(new InetSocketAddress("127.0.0.1", 0))
              .syncUninterruptibly()
              .channel();
      int port = ((InetSocketAddress) server.localAddress()).getPort();
      List<String> paths = new ArrayList<>(Collections.nCopies(ROUNDS, "/warm-up"));
      paths.addAll(ERRORS.keySet().stream().sorted().toList());
      Timeouts t = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
      for (String path : paths) {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        CountDownLatch done = new CountDownLatch(1);
        client.execute(new ChatRequest("warm-up", uri, Map.of(), new byte[] {'{', '}'}, true, t, new WireFormatSettings.OpenAiChat(), ""), r -> {
          read.add(r);
          done.countDown();
        });
        done.await(2, TimeUnit.SECONDS);
      }
      // Longer bounds than the first requests': a cold JVM at 64 streams in flight may hold one past a
      // second (compiling, collecting), and a timed-out stream closes its connection for nothing.
      Timeouts patient = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10));
      ChatRequest stream = new ChatRequest("warm-up", URI.create("http://127.0.0.1:" + port + COMPILE_PATH), Map.of(),
          new byte[] {'{', '}'}, true, patient, new WireFormatSettings.OpenAiChat(), "");
      // 3-8 s in a cold JVM for 20,000 streams; the bound only keeps a broken loopback from hanging.
      compiledOk = BackToBack.send(client, stream, compileRequests, IN_FLIGHT, Duration.ofSeconds(Math.max(10, compileRequests / 500)))
          .getOrDefault(Status.OK, 0);
    } catch (RuntimeException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    } finally {
      if (server != null) {
        server.close().syncUninterruptibly();
      }
      // Its connections too, so that none lingers in the client's pool.
      accepted.close().syncUninterruptibly();
    }
    return new Read(List.copyOf(read), compiledOk);
  }

  /** Answers each request on a connection with the error its path names, the compile phase's whole stream, or the small one. */
  private static final class Responder extends ChannelInboundHandlerAdapter {
    private byte[] answer = RESPONSE;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      String text = in.toString(StandardCharsets.US_ASCII);
      in.release();
      if (text.startsWith("POST ")) {
        String path = text.substring(5, Math.max(5, text.indexOf(' ', 5)));
        answer = path.equals(COMPILE_PATH) ? STREAM : ERRORS.getOrDefault(path, RESPONSE);
      }
      if (text.endsWith("}")) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(answer));
      }
    }
  }
}
