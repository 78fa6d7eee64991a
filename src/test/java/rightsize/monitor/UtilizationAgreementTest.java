package rightsize.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import rightsize.emulator.EmulatorServer;
import rightsize.emulator.monitor.EmulatedResource;
import rightsize.emulator.truth.GroundTruth;
import rightsize.emulator.truth.InFlightSample;
import rightsize.telemetry.Measure;
import rightsize.telemetry.TelemetryPoint;

/**
 * The emulator's CPU series, read as Azure Monitor is read, agrees with its ground truth of requests
 * in flight: with FIFO queueing every slot is busy while any request waits, so the busy share of a
 * deployment's slots is min(in flight, slots) / slots at every instant.
 */
class UtilizationAgreementTest {
  private static final int SLOTS = 4; // 2 instances x 2 slots

  @Test
  void cpuSeriesIsTheTimeWeightedShareOfSlotsHeldByInFlightRequests() {
    try (EmulatorServer server = EmulatorMetrics.start()) {
      Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
      EmulatorMetrics.load(server, "pool", 3, 200); // below capacity
      EmulatorMetrics.load(server, "pool", 9, 200); // queueing
      Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS); // whole past seconds only
      MetricQuery cpu = new MetricQuery("CpuUtilizationPercentage", Measure.CPU, EmulatedResource.deploymentId("pool"), "",
          List.of("Average", "Minimum", "Maximum"));
      AzureMonitorMetrics.Answer answer = EmulatorMetrics.client(server).read(cpu, start, end, Duration.ofSeconds(1));
      assertThat(answer).isInstanceOf(AzureMonitorMetrics.Data.class);
      AzureMonitorMetrics.Data data = (AzureMonitorMetrics.Data) answer;
      List<TelemetryPoint> points = data.series().get(0).points();
      assertThat(points).hasSizeGreaterThanOrEqualTo(1);

      GroundTruth truth = server.groundTruth();
      List<InFlightSample> inFlight = truth.inFlight("pool");
      boolean sawQueueing = false;
      for (TelemetryPoint p : points) {
        Instant from = Instant.parse(p.time());
        long a = truth.nanos(micros(from));
        long b = truth.nanos(micros(from.plusSeconds(1)));
        double expected = 100.0 * busyNanos(inFlight, a, b) / ((double) (b - a) * SLOTS);
        assertThat(p.average()).as("mean utilization in the second from %s", from).isCloseTo(expected, within(0.5));
        sawQueueing |= inFlight.stream().anyMatch(s -> s.nanos() >= a && s.nanos() < b && s.inFlight() > SLOTS);
      }
      assertThat(sawQueueing).as("the load queued in some measured second").isTrue();
    }
  }

  /** The integral of min(in flight, slots) over [a, b), in slot-nanoseconds. */
  private static double busyNanos(List<InFlightSample> samples, long a, long b) {
    int level = 0;
    long at = a;
    double sum = 0;
    for (InFlightSample s : samples) {
      if (s.nanos() >= b) {
        break;
      }
      if (s.nanos() > at) {
        sum += (double) Math.min(level, SLOTS) * (s.nanos() - at);
        at = s.nanos();
      }
      level = s.inFlight();
    }
    return sum + (double) Math.min(level, SLOTS) * (b - at);
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
