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
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import rightsize.config.Timeouts;
import rightsize.config.WireFormatSettings;

/**
 * Sends a few requests through a new client to a throwaway server on loopback before it measures
 * anything, so that class loading and JIT of the connect, write and read paths are not paid between
 * the first real request's written instant and the wire (about 10 ms measured in a cold JVM, which
 * would inflate the first ttft values of a run).
 */
final class LoopbackWarmUp {
  private static final int ROUNDS = 3;
  private static final String SSE = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n";
  private static final byte[] RESPONSE =
      ("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
              + Integer.toHexString(SSE.length()) + "\r\n" + SSE + "\r\n0\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  private LoopbackWarmUp() {}

  /** Best effort: a client that cannot bind loopback simply starts cold. */
  static void run(ChatClient client, EventLoopGroup group) {
    Channel server = null;
    try {
      server =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
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
      URI uri = URI.create("http://127.0.0.1:" + port + "/warm-up");
      Timeouts t = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
      for (int i = 0; i < ROUNDS; i++) {
        CountDownLatch done = new CountDownLatch(1);
        client.execute(new ChatRequest("warm-up", uri, Map.of(), new byte[] {'{', '}'}, true, t, new WireFormatSettings.OpenAiChat(), ""), r -> done.countDown());
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
  }

  /** Answers every request on a connection with the same small stream. */
  private static final class Responder extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      boolean requestEnd = in.toString(StandardCharsets.US_ASCII).endsWith("}");
      in.release();
      if (requestEnd) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(RESPONSE));
      }
    }
  }
}
