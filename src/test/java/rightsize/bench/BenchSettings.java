package rightsize.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * How the side-by-side benchmark runs.
 *
 * @param warmupSeconds warm-up before the measured step (rightsize: its population warm-up)
 * @param holdSeconds length of the measured step: no request starts after it
 * @param settleSeconds requests written this long after the step's first one are "steady": by then
 *     every answer started in the step's first instant (at most 10 s long) has ended
 * @param quietWaitSeconds how long to wait before each run for the machine to be idle
 * @param nice the scheduling niceness of the emulator and the generator (0: as usual; negative
 *     shields them from other processes on a shared machine, root only)
 * @param jvmArgs options of rightsize's Gatling JVM (by default those {@code mvn gatling:test} uses)
 * @param classpath the project's test classpath, for the forked JVMs
 * @param out where each run leaves its files and the results table
 */
record BenchSettings(int warmupSeconds, int holdSeconds, int settleSeconds, int quietWaitSeconds, int nice, List<String> jvmArgs, String classpath, Path out) {

  /** The start of a command that runs a program pinned to CPU {@code cpu} at this niceness. */
  List<String> pinnedTo(int cpu) {
    return List.of("nice", "-n", Integer.toString(nice), "taskset", "-c", Integer.toString(cpu));
  }
}
