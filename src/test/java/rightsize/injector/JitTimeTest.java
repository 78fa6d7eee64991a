package rightsize.injector;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import rightsize.testing.Await;

class JitTimeTest {
  private static volatile long sink;

  @Test
  void eachReadingIsTheCompileTimeSinceThePreviousOne() {
    CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    JitTime jit = new JitTime();
    long start = compiler.getTotalCompilationTime();
    // The JVM compiled while it started the tests: a reading that were the total would show it.
    assertThat(start).isPositive();

    // Work that keeps the JIT busy (a new, hot loop) until its total has grown.
    long[] seed = {1};
    assertThat(Await.until(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 200_000; i++) {
        seed[0] = seed[0] * 6364136223846793005L + i;
      }
      sink = seed[0];
      return compiler.getTotalCompilationTime() > start;
    })).isTrue();
    long end = compiler.getTotalCompilationTime();

    Long taken = jit.takeMs();
    assertThat(taken).isNotNull().isGreaterThanOrEqualTo(end - start).isLessThan(compiler.getTotalCompilationTime());
    Long next = jit.takeMs();
    assertThat(next).isNotNull().isLessThanOrEqualTo(compiler.getTotalCompilationTime() - end);
  }
}
