package rightsize.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import rightsize.config.ClientSettings;
import rightsize.netty.NettyTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rightsize.record.Status;

/**
 * A non-blocking streaming HTTP/1.1 client for chat completions, on its own small Netty event loop
 * group: keep-alive connections reused per origin, TLS through the JDK, every timeout always on,
 * and never a retry: each {@link ChatRequest} is written at most once.
 */
public final class ChatClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChatClient.class);
  private static volatile ChatClient shared;

  private final NettyTransport transport = NettyTransport.best();
  private final EventLoopGroup group;
  private final DnsAddressResolverGroup resolver;
  private final SslContext tls;
  private final ConnectionPool pool;
  /** What the loopback warm-up read before this client measured anything (tests check it warmed every path). */
  final LoopbackWarmUp.Read warmUp;

  /** A client with {@link #autoIoThreads()} I/O threads. */
  public ChatClient() {
    this(autoIoThreads());
  }

  /**
   * The I/O threads of {@code rightsize.client.io-threads = auto}: one per two cores the JVM may use,
   * at least one, at most four. On one core a second thread only adds hand-overs (docs/benchmarks.md).
   */
  public static int autoIoThreads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
  }

  /** A client with {@code ioThreads} event-loop threads (daemon threads). */
  public ChatClient(int ioThreads) {
    this(ioThreads, ConnectionPool.MAX_IDLE_MS);
  }

  /** For tests: a pool that drops connections idle longer than {@code maxIdleMs}. */
  ChatClient(int ioThreads, long maxIdleMs) {
    this(ioThreads, maxIdleMs, 0);
  }

  /** A client whose loopback warm-up also sends {@code compileWarmUpRequests} whole streams. */
  ChatClient(int ioThreads, long maxIdleMs, int compileWarmUpRequests) {
    this.pool = new ConnectionPool(maxIdleMs);
    this.group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("rightsize-client", true), transport.ioHandler());
    // Netty's DNS resolver, so a new connection never blocks an event loop on a lookup.
    this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder().datagramChannelType(transport.datagramChannel()));
    try {
      this.tls = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).endpointIdentificationAlgorithm("HTTPS").build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
    this.warmUp = LoopbackWarmUp.run(this, group, transport, compileWarmUpRequests);
  }

  /**
   * The client this JVM's Gatling actions share, created on first use as {@code settings} say; later
   * calls get the same client, whatever they ask.
   */
  public static ChatClient shared(ClientSettings settings) {
    ChatClient c = shared;
    if (c == null) {
      synchronized (ChatClient.class) {
        c = shared;
        if (c == null) {
          int ioThreads = settings.ioThreads() == null ? autoIoThreads() : settings.ioThreads();
          long started = System.nanoTime();
          c = new ChatClient(ioThreads, ConnectionPool.MAX_IDLE_MS, settings.warmUpRequests());
          logWarmUp(settings.warmUpRequests(), c.warmUp.compiledOk(), System.nanoTime() - started);
          shared = c;
        }
      }
    }
    return c;
  }

  private static void logWarmUp(int asked, int read, long nanos) {
    if (asked == 0) {
      return;
    }
    String took = String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    if (read == asked) {
      LOG.info("client warmed up: {} loopback streams read in {} (rightsize.client.warm-up-requests)", asked, took);
    } else {
      LOG.warn("client warm-up read only {} of {} loopback streams in {}: the first measured requests may wait for the JIT"
          + " (rightsize.client.warm-up-requests, docs/client.md)", read, asked, took);
    }
  }

  /**
   * Sends {@code request} and calls {@code callback} exactly once with the result, on one of this
   * client's I/O threads (keep the callback short and non-blocking). Never blocks the caller and
   * never throws: a request that cannot be sent ends as connect_failed.
   */
  public void execute(ChatRequest request, Consumer<ChatResult> callback) {
    Exchange ex = new Exchange(request, callback);
    try {
      Origin origin = Origin.of(request.uri());
      Channel ch = pool.acquire(origin);
      if (ch == null) {
        connect(origin, ex);
        return;
      }
      ch.eventLoop().execute(() -> {
        if (ch.isActive()) {
          ch.pipeline().get(ConnectionHandler.class).send(ex);
        } else {
          connect(origin, ex);
        }
      });
    } catch (RuntimeException e) {
      // A bad URL or a closed client: the request is not sent, and the caller still hears of it once.
      ex.fail(Status.CONNECT_FAILED, "cannot send to " + request.uri() + ": " + ConnectionHandler.describe(e), System.nanoTime());
    }
  }

  private void connect(Origin origin, Exchange ex) {
    int connectMs = (int) Math.min(Integer.MAX_VALUE, ex.request.timeouts().connect().toMillis());
    Bootstrap b =
        new Bootstrap()
            .group(group)
            .channel(transport.socketChannel())
            .resolver(resolver)
            // The guard below bounds the whole connect phase; these two keep Netty's own defaults
            // (30 s connect, 10 s handshake) from cutting it shorter than configured.
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(1, connectMs))
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (origin.tls()) {
                      SslHandler ssl = tls.newHandler(ch.alloc(), origin.host(), origin.port());
                      ssl.setHandshakeTimeoutMillis(Math.max(1, connectMs));
                      ch.pipeline().addLast(ssl);
                    }
                    // Azure answers carry many x-ms-* headers: allow 64 KB of them (Netty's default is 8 KB).
                    ch.pipeline().addLast(new HttpClientCodec(4096, 64 * 1024, 64 * 1024));
                    ch.pipeline().addLast(new ConnectionHandler(pool, origin));
                  }
                });
    ChannelFuture f;
    try {
      f = b.connect(origin.host(), origin.port());
    } catch (RuntimeException e) {
      ex.fail(Status.CONNECT_FAILED, "cannot connect to " + origin + ": " + ConnectionHandler.describe(e), System.nanoTime());
      return;
    }
    // One bound for the whole connect phase: name resolution (which the socket option does not
    // cover), TCP connect and TLS handshake. Runs on the connection's own event loop, like the rest.
    ScheduledFuture<?> guard = f.channel().eventLoop().schedule(() -> {
      if (!ex.delivered() && !ex.written()) {
        ex.fail(Status.CONNECT_FAILED, "connect to " + origin + " timed out after " + connectMs + " ms", System.nanoTime());
        f.channel().close();
      }
    }, connectMs, TimeUnit.MILLISECONDS);
    f.addListener(
        done -> {
          if (!done.isSuccess()) {
            guard.cancel(false);
            ex.fail(Status.CONNECT_FAILED, connectFailure(origin, done.cause()), System.nanoTime());
            return;
          }
          Channel ch = f.channel();
          if (ex.delivered()) {
            ch.close(); // the connect phase already timed out: this request must not be sent late
            return;
          }
          SslHandler ssl = ch.pipeline().get(SslHandler.class);
          if (ssl == null) {
            guard.cancel(false);
            ch.pipeline().get(ConnectionHandler.class).send(ex);
            return;
          }
          ssl.handshakeFuture().addListener(hs -> {
            guard.cancel(false);
            if (ex.delivered()) {
              return; // the connect phase already timed out
            }
            if (hs.isSuccess()) {
              ch.pipeline().get(ConnectionHandler.class).send(ex);
            } else {
              ex.fail(Status.CONNECT_FAILED, "TLS handshake with " + origin + " failed: " + ConnectionHandler.describe(hs.cause()), System.nanoTime());
              ch.close();
            }
          });
        });
  }

  private static String connectFailure(Origin origin, Throwable cause) {
    Throwable c = cause;
    while (c.getCause() != null && !(c instanceof UnknownHostException)) {
      c = c.getCause();
    }
    if (c instanceof UnknownHostException) {
      return "unknown host " + origin.host();
    }
    if (cause instanceof io.netty.channel.ConnectTimeoutException) {
      return "connect to " + origin + " timed out";
    }
    if (cause instanceof ConnectException) {
      return "connection refused by " + origin;
    }
    return "cannot connect to " + origin + ": " + ConnectionHandler.describe(cause);
  }

  /** The I/O event loops that read every response and time it: what the load generator monitor watches. */
  public Iterable<? extends ScheduledExecutorService> eventLoops() {
    return group;
  }

  /** Number of idle keep-alive connections held for reuse. */
  public int idleConnections() {
    return pool.idleCount();
  }

  /** Closes idle connections and stops the I/O threads; in-flight requests end as connection_lost. */
  @Override
  public void close() {
    pool.closeAll();
    resolver.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
  }
}
