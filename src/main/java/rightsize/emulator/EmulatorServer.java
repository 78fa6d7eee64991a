package rightsize.emulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import rightsize.emulator.capacity.Scheduler;
import rightsize.emulator.settings.EmulatorSetup;
import rightsize.emulator.truth.GroundTruth;
import rightsize.emulator.wire.Backend;
import rightsize.emulator.wire.EmulatorHandler;
import rightsize.netty.NettyTransport;

/**
 * The emulator's HTTP server on 127.0.0.1: one Netty event loop thread runs every deployment's
 * capacity model and fires every chunk timer (no thread per stream); with {@code
 * rightsize.emulator.event-loops} above one, the connections are spread over that many loops, which
 * read the requests and write the answers (the syscalls, most of the cost at thousands of streams),
 * while the model's loop keeps the schedule. With TLS on, the same port also answers HTTPS, with a
 * self-signed certificate made at start.
 */
public final class EmulatorServer implements AutoCloseable {
  /** Name prefix of the emulator's event-loop thread (benchmarks measure its CPU time). */
  public static final String THREAD_NAME = "rightsize-emulator";

  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final EmulatorSetup setup;
  private final EventLoopGroup group;
  private final Channel channel;
  private final GroundTruth truth;
  private final URI uri;
  private final EmulatorCertificate certificate;
  private volatile boolean closed;

  private EmulatorServer(EmulatorSetup setup, int port, EmulatorCertificate certificate)
      throws InterruptedException {
    this.setup = setup;
    this.certificate = certificate;
    SslContext tls = certificate == null ? null : certificate.serverContext();
    NettyTransport transport = NettyTransport.best();
    this.group = new MultiThreadIoEventLoopGroup(setup.settings().eventLoops(), new DefaultThreadFactory(THREAD_NAME, true), transport.ioHandler());
    EventLoop loop = group.next();
    this.truth = new GroundTruth(setup.settings().groundTruthChunks());
    Backend backend;
    try {
      backend = loop.submit(() -> new Backend(setup, new LoopScheduler(loop), truth)).get();
    } catch (java.util.concurrent.ExecutionException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group, group)
        .channel(transport.serverSocketChannel())
        .option(ChannelOption.SO_BACKLOG, 4096)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.AUTO_READ, false)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (tls != null) {
              // Looks at the first bytes: a TLS client hello gets TLS, anything else plain HTTP.
              ch.pipeline().addLast(new OptionalSslHandler(tls));
            }
            ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                .addLast(new EmulatorHandler(backend, loop));
          }
        });
    try {
      this.channel = bootstrap
          .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
          .sync()
          .channel();
    } catch (Exception e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalStateException(
          "emulator cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + "): choose another --port", e);
    }
    int bound = ((InetSocketAddress) channel.localAddress()).getPort();
    this.uri = URI.create("http://127.0.0.1:" + bound);
  }

  /** Starts an emulator serving {@code setup} on 127.0.0.1:{@code port} (0 picks a free port), plain HTTP only. */
  public static EmulatorServer start(EmulatorSetup setup, int port) {
    return start(setup, port, null);
  }

  /**
   * Starts an emulator like {@link #start(EmulatorSetup, int)} that also answers HTTPS on the same
   * port, with a new self-signed certificate (see {@link #certificate()} for what clients must trust).
   */
  public static EmulatorServer startWithTls(EmulatorSetup setup, int port) {
    return start(setup, port, EmulatorCertificate.generate());
  }

  private static EmulatorServer start(EmulatorSetup setup, int port, EmulatorCertificate certificate) {
    try {
      return new EmulatorServer(setup, port, certificate);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the emulator", e);
    }
  }

  /** Base URI, e.g. http://127.0.0.1:41234 (no trailing slash). */
  public URI uri() {
    return uri;
  }

  /** The HTTPS base URI, e.g. https://127.0.0.1:41234; only when started with TLS. */
  public URI httpsUri() {
    if (certificate == null) {
      throw new IllegalStateException("this emulator serves plain HTTP only: start it with EmulatorServer.startWithTls");
    }
    return URI.create("https://127.0.0.1:" + port());
  }

  /** The self-signed certificate it presents over HTTPS, or empty when it serves plain HTTP only. */
  public Optional<EmulatorCertificate> certificate() {
    return Optional.ofNullable(certificate);
  }

  /** The port it listens on. */
  public int port() {
    return uri.getPort();
  }

  /** What it did for every request so far, and each deployment's in-flight count over time. */
  public GroundTruth groundTruth() {
    return truth;
  }

  /** What it serves and how. */
  public EmulatorSetup setup() {
    return setup;
  }

  /** Stops listening, drops open connections and writes the ground-truth file if one is configured. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    String groundTruthFile = setup.settings().groundTruthFile();
    if (!groundTruthFile.isBlank()) {
      truth.writeJsonLines(Path.of(groundTruthFile));
    }
  }

  /** Runs the capacity model's timers on the emulator's event loop. */
  private record LoopScheduler(EventLoop loop) implements Scheduler {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Timer schedule(Runnable task, long atNanos) {
      ScheduledFuture<?> f = loop.schedule(task, atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    }
  }
}
