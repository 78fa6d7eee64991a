package rightsize.target;

/** A deployment's target could not be made ready (no Entra token, emulator not startable); one line saying what to do. */
public final class TargetSetupException extends RuntimeException {
  public TargetSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
