package rightsize.injector;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The time this JVM's JIT compilers spent compiling, from its {@link CompilationMXBean}: the
 * elapsed time of each compilation, summed over the compiler threads. On a load generator with few
 * cores a compiler thread takes the core from the client's I/O thread while it works, which is how
 * a run still compiling its per-request code delays what the client measures.
 */
final class JitTime {
  private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
  private final boolean supported = compiler != null && compiler.isCompilationTimeMonitoringSupported();
  private long lastMs;

  JitTime() {
    takeMs();
  }

  /** Milliseconds spent compiling since the previous call, or null when this JVM does not tell. */
  Long takeMs() {
    if (!supported) {
      return null;
    }
    long total = compiler.getTotalCompilationTime();
    long since = Math.max(0, total - lastMs);
    lastMs = total;
    return since;
  }
}
