package rightsize.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport the client and the emulator run their event loops on: Linux's native epoll
 * when its library loads, the JDK's NIO otherwise. An event-loop group and the channels on it must
 * come from the same transport.
 */
public enum NettyTransport {
  EPOLL,
  NIO;

  /**
   * Epoll where it is available (Linux with Netty's native library on the class path): it reads a
   * stream with less work per read than NIO (docs/benchmarks.md, "The client's CPU per event").
   */
  public static NettyTransport best() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  // Each method names the epoll classes only on the EPOLL path: elsewhere their native library may be missing.

  /** The I/O handler of this transport's event loops. */
  public IoHandlerFactory ioHandler() {
    return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  /** The TCP client channel. */
  public Class<? extends SocketChannel> socketChannel() {
    return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /** The TCP server channel. */
  public Class<? extends ServerSocketChannel> serverSocketChannel() {
    return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** The UDP channel (DNS lookups). */
  public Class<? extends DatagramChannel> datagramChannel() {
    return this == EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
  }
}
