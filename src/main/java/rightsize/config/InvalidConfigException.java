package rightsize.config;

import java.util.List;

/**
 * The configuration cannot drive a run; carries every problem found, one line each, naming the key
 * and what to do. {@link RightsizeSettings#loadOrExit()} prints them and exits with {@link #EXIT_CODE}.
 */
public final class InvalidConfigException extends RuntimeException {
  /** Process exit code for an invalid configuration (sysexits EX_CONFIG). */
  public static final int EXIT_CODE = 78;

  private final List<String> problems;

  public InvalidConfigException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem. */
  public List<String> problems() {
    return problems;
  }
}
