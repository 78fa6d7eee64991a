package rightsize.endpoint;

/** A deployment's target could not be made ready (no Entra token, emulator not startable); one line saying what to do. */
public final class EndpointSetupException extends RuntimeException {
  public EndpointSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
