package rightsize.emulator.capacity;

/** The capacity model of one emulated deployment: admits, queues, serves or refuses requests. */
public interface DeploymentModel {

  /** Admits {@code generation} now, or refuses it through its listener. */
  void submit(Generation generation);

  /** Requests admitted and not yet finished (queued or being served). */
  int inFlight();
}
