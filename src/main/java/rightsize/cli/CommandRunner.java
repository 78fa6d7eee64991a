package rightsize.cli;

import rightsize.config.InvalidConfigException;
import rightsize.gate.ExitCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs one command line of a rightsize main the way every main does: the same help layout and
 * {@code --version}, errors on stderr in one line, and the exit codes of docs/commands.md.
 */
final class CommandRunner {
  /**
   * A wrong option or argument, or a file or folder it names that cannot be read or written. The
   * gate's usage code (sysexits EX_USAGE): 1 and 2 already mean a crash and failed Gatling
   * assertions on a CI dashboard.
   */
  static final int USAGE = ExitCode.USAGE.code();

  private static final String EXIT_CODES =
      "%nExit codes: 0 done, " + USAGE + " usage error, " + InvalidConfigException.EXIT_CODE
          + " invalid configuration, 1 a bug (docs/commands.md).";

  /** The mains' logging configuration on the classpath, unless {@code -Dlogback.configurationFile} names another. */
  static final String LOGGING = "rightsize/cli/logback.xml";

  static {
    // Before any logger exists: set later, logback would have configured itself at DEBUG already.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGGING);
    }
  }

  private CommandRunner() {}

  /**
   * Runs {@code command} on {@code args} and exits the JVM with its code unless that is 0, so that
   * a caller in the same JVM (a test) goes on after a success.
   */
  static void exitWith(Object command, String[] args) {
    int code = execute(command, args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs {@code command} (a picocli {@code @Command}) on {@code args} and returns its exit code. */
  static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
    CommandLine line = new CommandLine(command);
    standardOptions(line);
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    line.setOut(outWriter)
        .setErr(errWriter)
        .setParameterExceptionHandler(CommandRunner::usageError)
        .setExecutionExceptionHandler(CommandRunner::failure);
    try {
      return line.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  private static void standardOptions(CommandLine line) {
    CommandSpec spec = line.getCommandSpec();
    // --help and --version are declared on each @Command: added here, they would shift the
    // parameters of a method subcommand (GateMain's).
    spec.versionProvider(CommandRunner::version);
    spec.usageMessage().sortOptions(false).width(100);
    if (spec.usageMessage().footer().length == 0) {
      spec.usageMessage().footer(EXIT_CODES);
    }
    line.getSubcommands().values().forEach(CommandRunner::standardOptions);
  }

  /**
   * One line naming what was wrong. An unknown option is named before a missing required one, since
   * it is often that option misspelt ({@code --rnu x}); picocli would name only the missing one.
   */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine line = e.getCommandLine();
    ParseResult parsed = line.getParseResult();
    ParameterException first =
        e instanceof UnmatchedArgumentException || parsed == null || parsed.unmatched().isEmpty()
            ? e
            : new UnmatchedArgumentException(line, parsed.unmatched());
    String command = line.getCommandSpec().qualifiedName();
    line.getErr().println(command + ": " + oneLine(first) + " (see " + command + " --help)");
    return USAGE;
  }

  /**
   * What the user can fix is one line and a code; anything else is a bug, whose stack trace picocli
   * prints before exiting with 1.
   */
  private static int failure(Exception e, CommandLine line, ParseResult parsed) throws Exception {
    String command = line.getCommandSpec().qualifiedName();
    PrintWriter err = line.getErr();
    if (e instanceof InvalidConfigException invalid) {
      err.println(command + ": the configuration is invalid, nothing was run:");
      invalid.problems().forEach(p -> err.println("  " + p));
      return InvalidConfigException.EXIT_CODE;
    }
    if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException) {
      err.println(command + ": " + oneLine(e));
      return USAGE;
    }
    throw e;
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static String[] version() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = CommandRunner.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IOException("version.properties is missing from the classpath: rebuild with mvn compile");
      }
      properties.load(in);
    }
    return new String[] {"rightsize " + properties.getProperty("version")};
  }
}
