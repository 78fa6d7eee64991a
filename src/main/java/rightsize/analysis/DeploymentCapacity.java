package rightsize.analysis;

import java.util.List;
import java.util.Optional;

/** The capacity search's results for one deployment's steps, in run order. */
public record DeploymentCapacity(String deployment, String vmSize, List<StepResult> steps) {
  public DeploymentCapacity {
    steps = List.copyOf(steps);
  }

  /** The largest step that met the SLO, if any. */
  public Optional<StepResult> capacity() {
    return steps.stream()
        .filter(s -> s.outcome() == StepOutcome.MET)
        .reduce((a, b) -> b.load() > a.load() ? b : a);
  }
}
