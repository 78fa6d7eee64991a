package rightsize.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NettyTransportTest {

  @Test
  void epollWhereItLoadsElseNio() {
    assertEquals(Epoll.isAvailable() ? NettyTransport.EPOLL : NettyTransport.NIO, NettyTransport.best());
  }

  /** A server and a client channel of the transport, on one group of it, carry bytes both ways over loopback. */
  @ParameterizedTest
  @EnumSource(NettyTransport.class)
  void serverAndClientChannelsRunOnTheTransportsLoops(NettyTransport transport) throws Exception {
    assumeTrue(transport == NettyTransport.NIO || Epoll.isAvailable(), "no epoll here");
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandler());
    try {
      Channel server = new ServerBootstrap().group(group).channel(transport.serverSocketChannel())
          .childHandler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
              ctx.writeAndFlush(msg); // echo
            }
          })
          .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
      String sent = "data: x\n\n";
      StringBuilder received = new StringBuilder();
      CompletableFuture<String> echoed = new CompletableFuture<>();
      Channel client = new Bootstrap().group(group).channel(transport.socketChannel())
          .handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
              ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                  ByteBuf b = (ByteBuf) msg;
                  received.append(b.toString(StandardCharsets.US_ASCII));
                  b.release();
                  if (received.length() >= sent.length()) {
                    echoed.complete(received.toString());
                  }
                }
              });
            }
          })
          .connect(server.localAddress()).sync().channel();
      client.writeAndFlush(Unpooled.copiedBuffer(sent, StandardCharsets.US_ASCII));
      assertEquals(sent, echoed.get(10, TimeUnit.SECONDS));
      client.close().sync();
      server.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
