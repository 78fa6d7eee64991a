package rightsize.workload;

/**
 * A prompt file that cannot be used (missing, empty, or a malformed line); the message is one line
 * naming the file, and the line when one is at fault.
 */
public final class PromptFileException extends IllegalArgumentException {
  public PromptFileException(String message) {
    super(message);
  }
}
