package rightsize.report.model;

import java.util.List;
import java.util.stream.Collectors;
import rightsize.injector.InjectorLoad;

/**
 * What of one step's figures cannot be trusted, and why.
 *
 * @param flags one per check that found a problem; empty when every figure stands
 * @param injector how the load generators fared during the step, or null when the run has no
 *     injector file or no sample of it overlaps the step
 * @param machineBusy true when a load generator's machine was busy during the step (its CPU or its
 *     sleeping probe thread, docs/report.md): said beside the step, not a flag, since other work
 *     delays the client only when its event loops show it
 */
public record StepTrust(List<TrustFlag> flags, InjectorLoad injector, boolean machineBusy) {

  public StepTrust {
    flags = List.copyOf(flags);
  }

  public boolean trusted() {
    return flags.isEmpty();
  }

  /** The markers of the flags concerning {@code figure}, e.g. "†§", or "" when none does. */
  public String markers(Figure figure) {
    return markers(concerning(figure));
  }

  /** The notes of the flags concerning {@code figure}, joined by "; ", or "" when none does. */
  public String notes(Figure figure) {
    return notes(concerning(figure));
  }

  /** The markers of the flags concerning a figure the SLO verdict is taken from (p95 ttft, p95 e2e). */
  public String sloMarkers() {
    return markers(concerningSlo());
  }

  /** The notes of the flags concerning a figure the SLO verdict is taken from, joined by "; ". */
  public String sloNotes() {
    return notes(concerningSlo());
  }

  private List<TrustFlag> concerning(Figure figure) {
    return flags.stream().filter(f -> f.figures().contains(figure)).toList();
  }

  private List<TrustFlag> concerningSlo() {
    return flags.stream()
        .filter(f -> f.figures().contains(Figure.TTFT_P95) || f.figures().contains(Figure.E2E_P95)).toList();
  }

  private static String markers(List<TrustFlag> flags) {
    return flags.stream().map(f -> f.check().marker()).distinct().collect(Collectors.joining());
  }

  private static String notes(List<TrustFlag> flags) {
    return flags.stream().map(TrustFlag::note).collect(Collectors.joining("; "));
  }
}
