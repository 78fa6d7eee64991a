package rightsize.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
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

/**
 * Sends a few requests through a new client to a throwaway server on loopback before it measures
 * anything, so that class loading and JIT of the connect, write and read paths are not paid between
 * the first real request's written instant and the wire (about 10 ms measured in a cold JVM, which
 * would inflate the first ttft values of a run). The error answers a run may meet (a throttled 429
 * with its rate-limit headers, a 500, a gateway's 502 page) are read once each too: the first of
 * them in a run was read 2-4.5 ms late before (issue 13), and a warm-up at one user does not make a
 * real deployment fail.
 */
final class LoopbackWarmUp {
  private static final int ROUNDS = 3;
  private static final String SSE = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n";
  private static final byte[] RESPONSE =
      ("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
              + Integer.toHexString(SSE.length()) + "\r\n" + SSE + "\r\n0\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
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

  /** Best effort: a client that cannot bind loopback simply starts cold. Returns what it read, in order. */
  static List<ChatResult> run(ChatClient client, EventLoopGroup group, NettyTransport transport) {
    List<ChatResult> read = Collections.synchronizedList(new ArrayList<>());
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
    } catch (RuntimeException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    } finally {
      if (server != null) {
        server.close().syncUninterruptibly();
      }
    }
    return List.copyOf(read);
  }

  /** Answers each request on a connection with the error its path names, or with the same small stream. */
  private static final class Responder extends ChannelInboundHandlerAdapter {
    private byte[] answer = RESPONSE;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      String text = in.toString(StandardCharsets.US_ASCII);
      in.release();
      if (text.startsWith("POST ")) {
        String path = text.substring(5, Math.max(5, text.indexOf(' ', 5)));
        answer = ERRORS.getOrDefault(path, RESPONSE);
      }
      if (text.endsWith("}")) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(answer));
      }
    }
  }
}
