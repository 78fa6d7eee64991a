package rightsize.analysis;

/** What became of one planned load step in a capacity search. */
public enum StepOutcome {
  /** Ran and met the SLO. */
  MET,
  /** Ran and clearly broke the SLO; the deployment's later steps were skipped. */
  BROKEN,
  /** Ran and broke the SLO with too few requests to be sure; the sweep went on. */
  INCONCLUSIVE,
  /** Not run, because an earlier step of the deployment broke the SLO. */
  SKIPPED,
  /** Not run, because the run ended first. */
  NOT_RUN
}
