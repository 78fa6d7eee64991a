package rightsize.emulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import rightsize.emulator.settings.EmulatorSetup;
import rightsize.emulator.truth.ChunkTruth;
import rightsize.emulator.truth.GroundTruth;
import rightsize.emulator.truth.RequestTruth;

/**
 * Emulator performance benchmark (not part of {@code mvn test}): N concurrent SSE streams at R
 * tokens/s each, one token per chunk, each stream 10 to 30 s long and followed at once by the next
 * on the same connection, read by a Netty client in the same JVM on its own event loop.
 * Reports how late chunks were sent against the capacity model's schedule (from the ground truth)
 * and the CPU time of the emulator's event-loop thread. Figures go in docs/benchmarks.md.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=rightsize.emulator.EmulatorBenchmark -Dexec.args="--streams 1000 --seconds 60"
 * </pre>
 */
public final class EmulatorBenchmark {

  public static void main(String[] args) throws Exception {
    int streams = 1000;
    int tokensPerSecond = 20;
    int seconds = 60;
    int warmupSeconds = 10;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--streams" -> streams = Integer.parseInt(args[i + 1]);
        case "--tokens-per-second" -> tokensPerSecond = Integer.parseInt(args[i + 1]);
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException(
            "unknown argument " + args[i] + ": use --streams, --tokens-per-second, --seconds, --warmup-seconds");
      }
    }
    // Streams last 10 to 30 s (uniform), so they end and restart throughout the run as under real load.
    int minTokens = tokensPerSecond * 10;
    int maxTokens = tokensPerSecond * 30;
    EmulatorSetup settings = EmulatorTestSupport.setup(String.format("""
        rightsize.emulator.output-length { min-fraction = 1.0, max-fraction = 1.0 }
        rightsize.emulator.profiles.bench {
          prefill-tokens-per-second = 1000000
          decode-tokens-per-second = %d
          saturated-decode-tokens-per-second = %d
          saturation-streams = %d
          first-token-overhead-ms = 0
        }
        rightsize.deployments = [
          { name = bench, emulator { profile = bench, max-concurrent-requests-per-instance = %d, request-timeout-ms = 0 } }
        ]
        """, tokensPerSecond, tokensPerSecond * streams, streams, streams));

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(
        1, new DefaultThreadFactory("bench-client", true), epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    try (EmulatorServer server = EmulatorServer.start(settings, 0)) {
      AtomicLong bytes = new AtomicLong();
      AtomicLong answers = new AtomicLong();
      byte[][] bodies = new byte[maxTokens - minTokens + 1][];
      for (int t = minTokens; t <= maxTokens; t++) {
        bodies[t - minTokens] = EmulatorTestSupport.body("benchmark", t, true, true).getBytes(StandardCharsets.UTF_8);
      }
      Bootstrap bootstrap = new Bootstrap()
          .group(clientGroup)
          .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpClientCodec()).addLast(new StreamReader(bodies, bytes, answers));
            }
          });
      Random random = new Random(1);
      List<Channel> channels = new ArrayList<>();
      long startNanos = System.nanoTime();
      for (int i = 0; i < streams; i++) {
        Channel ch = bootstrap.connect(server.uri().getHost(), server.port()).sync().channel();
        channels.add(ch);
        // Spread the first requests over one second so stream phases differ, as with real arrivals.
        long delay = random.nextInt(1_000_000);
        ch.eventLoop().schedule(() -> StreamReader.send(ch, bodies), delay, TimeUnit.MICROSECONDS);
      }
      System.out.printf("%d connections open in %.1f s; warming up %d s%n",
          streams, (System.nanoTime() - startNanos) / 1e9, warmupSeconds);
      Thread.sleep(warmupSeconds * 1000L);
      JitterProbe probe = JitterProbe.launch();
      long[] emulatorCpu0 = cpu(threads, EmulatorServer.THREAD_NAME);
      long[] clientCpu0 = cpu(threads, "bench-client");
      long process0 = os.getProcessCpuTime();
      long from = System.nanoTime();
      long bytes0 = bytes.get();
      Thread.sleep(seconds * 1000L);
      long to = System.nanoTime();
      long[] emulatorCpu1 = cpu(threads, EmulatorServer.THREAD_NAME);
      long[] clientCpu1 = cpu(threads, "bench-client");
      long process1 = os.getProcessCpuTime();
      long bytes1 = bytes.get();
      double loadAverage = os.getSystemLoadAverage();
      Histogram jitter = probe.finish();
      channels.forEach(Channel::close);

      GroundTruth truth = server.groundTruth();
      Histogram late = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
      Histogram[] perSecond = new Histogram[(int) Math.ceil((to - from) / 1e9)];
      long chunks = 0;
      for (RequestTruth r : truth.requests()) {
        for (ChunkTruth c : r.contentChunks()) {
          if (c.scheduledNanos() >= from && c.scheduledNanos() < to) {
            long lateness = Math.max(0, c.lateNanos());
            late.recordValue(lateness);
            int second = (int) ((c.scheduledNanos() - from) / 1_000_000_000L);
            if (perSecond[second] == null) {
              perSecond[second] = new Histogram(TimeUnit.SECONDS.toNanos(10), 2);
            }
            perSecond[second].recordValue(lateness);
            chunks++;
          }
        }
      }
      StringBuilder seconds99 = new StringBuilder();
      int secondsOver2ms = 0;
      for (Histogram h : perSecond) {
        if (h != null) {
          double p99 = h.getValueAtPercentile(99) / 1e6;
          seconds99.append(String.format(" %.1f", p99));
          if (p99 > 2) {
            secondsOver2ms++;
          }
        }
      }
      double window = (to - from) / 1e9;
      System.out.printf("%n| figure | value |%n|---|---|%n");
      System.out.printf("| concurrent streams x tokens/s | %d x %d (1 token per chunk) |%n", streams, tokensPerSecond);
      System.out.printf("| measured window | %.0f s after %d s warm-up |%n", window, warmupSeconds);
      System.out.printf("| content chunks sent | %d (%.0f per s) |%n", chunks, chunks / window);
      System.out.printf("| client received | %.1f MB/s |%n", (bytes1 - bytes0) / window / 1e6);
      System.out.printf("| lateness p50 / p99 / p99.9 / max | %.3f / %.3f / %.3f / %.3f ms |%n",
          late.getValueAtPercentile(50) / 1e6, late.getValueAtPercentile(99) / 1e6,
          late.getValueAtPercentile(99.9) / 1e6, late.getMaxValue() / 1e6);
      System.out.printf("| chunks later than 2 ms | %.4f%% |%n",
          100.0 * (chunks - late.getCountBetweenValues(0, 2_000_000)) / Math.max(1, chunks));
      System.out.printf("| seconds whose p99 lateness exceeds 2 ms | %d of %d |%n", secondsOver2ms, perSecond.length);
      System.out.printf("| machine timer jitter (a plain thread parking 1 ms) p50 / p99 / max | %.3f / %.3f / %.3f ms |%n",
          jitter.getValueAtPercentile(50) / 1e6, jitter.getValueAtPercentile(99) / 1e6, jitter.getMaxValue() / 1e6);
      System.out.printf("| emulator event-loop CPU | %.1f%% of one core |%n",
          100.0 * (emulatorCpu1[0] - emulatorCpu0[0]) / (to - from));
      System.out.printf("| benchmark client event-loop CPU | %.1f%% of one core |%n",
          100.0 * (clientCpu1[0] - clientCpu0[0]) / (to - from));
      System.out.printf("| whole JVM CPU (emulator + client + GC + JIT) | %.1f%% of one core (%d cores) |%n",
          100.0 * (process1 - process0) / (to - from), Runtime.getRuntime().availableProcessors());
      System.out.printf("| system load average (1 min) at the end | %.2f |%n", loadAverage);
      System.out.printf("| answers completed | %d |%n", answers.get());
      Runtime rt = Runtime.getRuntime();
      System.out.printf("| heap used at the end | %d MB |%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
      System.out.println("p99 lateness per second (ms):" + seconds99);
    } finally {
      clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /**
   * How late a plain thread wakes from 1 ms parks while the benchmark runs: the machine's own
   * scheduling noise, to tell the emulator's lateness from the environment's.
   */
  private static final class JitterProbe extends Thread {
    private final Histogram late = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private volatile boolean running = true;

    static JitterProbe launch() {
      JitterProbe p = new JitterProbe();
      p.setDaemon(true);
      p.setName("bench-jitter-probe");
      p.start();
      return p;
    }

    @Override
    public void run() {
      while (running) {
        long due = System.nanoTime() + 1_000_000;
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        long now = System.nanoTime();
        synchronized (late) {
          late.recordValue(Math.max(0, now - due));
        }
      }
    }

    Histogram finish() throws InterruptedException {
      running = false;
      join();
      synchronized (late) {
        return late.copy();
      }
    }
  }

  /** Total CPU nanoseconds of live threads whose name starts with {@code prefix}, and their count. */
  private static long[] cpu(ThreadMXBean threads, String prefix) {
    long total = 0;
    long count = 0;
    for (long id : threads.getAllThreadIds()) {
      var info = threads.getThreadInfo(id);
      if (info != null && info.getThreadName().startsWith(prefix)) {
        total += threads.getThreadCpuTime(id);
        count++;
      }
    }
    return new long[] {total, count};
  }

  /** Reads one SSE answer after another on its connection, counting bytes; sends the next request at the end. */
  private static final class StreamReader extends SimpleChannelInboundHandler<HttpObject> {
    private final byte[][] bodies;
    private final AtomicLong bytes;
    private final AtomicLong answers;

    StreamReader(byte[][] bodies, AtomicLong bytes, AtomicLong answers) {
      this.bodies = bodies;
      this.bytes = bytes;
      this.answers = answers;
    }

    /** Sends a request whose max_tokens is drawn uniformly from the prepared bodies. */
    static void send(Channel ch, byte[][] bodies) {
      byte[] body = bodies[java.util.concurrent.ThreadLocalRandom.current().nextInt(bodies.length)];
      FullHttpRequest req = new DefaultFullHttpRequest(
          HttpVersion.HTTP_1_1, HttpMethod.POST, "/score", Unpooled.wrappedBuffer(body));
      req.headers()
          .set(HttpHeaderNames.HOST, "127.0.0.1")
          .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
          .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
          .set("azureml-model-deployment", "bench");
      ch.writeAndFlush(req);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpContent content) {
        bytes.addAndGet(content.content().readableBytes());
      }
      if (msg instanceof LastHttpContent) {
        answers.incrementAndGet();
        send(ctx.channel(), bodies);
      }
    }
  }
}
