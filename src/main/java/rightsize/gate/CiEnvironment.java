package rightsize.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import rightsize.secret.ScrubbedFiles;

/**
 * The CI system the gate runs in (GitHub Actions, Azure Pipelines or none) and the two things the
 * gate tells it: a job summary in markdown and named step outputs.
 */
public final class CiEnvironment {
  /** Which CI system, detected from the variables each one always sets. */
  public enum Kind {
    GITHUB_ACTIONS,
    AZURE_PIPELINES,
    LOCAL
  }

  private final Map<String, String> env;
  private final PrintStream console;

  /** Reads the CI system from {@code env}; logging commands for Azure Pipelines go to {@code console}. */
  public CiEnvironment(Map<String, String> env, PrintStream console) {
    this.env = Map.copyOf(env);
    this.console = console;
  }

  /** The environment of this process, writing to standard output. */
  public static CiEnvironment current() {
    return new CiEnvironment(System.getenv(), System.out);
  }

  public Kind kind() {
    if ("true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))) {
      return Kind.GITHUB_ACTIONS;
    }
    if ("true".equalsIgnoreCase(env.get("TF_BUILD"))) {
      return Kind.AZURE_PIPELINES;
    }
    return Kind.LOCAL;
  }

  /** Every environment variable. */
  public Map<String, String> env() {
    return env;
  }

  /**
   * Raises {@code message} as an annotation on the CI run's page (a GitHub warning, an Azure
   * Pipelines warning issue), or prints it locally; for what a reader of the run must not miss.
   */
  public void warn(String message) {
    String line = message.replaceAll("\\R", " ");
    switch (kind()) {
      // GitHub decodes %XX in workflow commands, so a literal % must be sent as %25.
      case GITHUB_ACTIONS ->
          console.println("::warning title=rightsize::" + line.replace("%", "%25"));
      case AZURE_PIPELINES -> console.println("##vso[task.logissue type=warning]" + line);
      case LOCAL -> console.println("warning: " + line);
    }
  }

  /** An environment variable, or null when unset or blank. */
  public String get(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * Shows the markdown file {@code summary} on the CI run's page: appended to {@code
   * $GITHUB_STEP_SUMMARY} on GitHub Actions, attached with {@code ##vso[task.uploadsummary]} on Azure
   * Pipelines (which needs an absolute path), nothing locally. Returns true when a CI system took it.
   */
  public boolean publishSummary(Path summary) {
    switch (kind()) {
      case GITHUB_ACTIONS -> {
        String target = get("GITHUB_STEP_SUMMARY");
        if (target == null) {
          return false;
        }
        append(Path.of(target), read(summary) + "\n");
        return true;
      }
      case AZURE_PIPELINES -> {
        console.println("##vso[task.uploadsummary]" + summary.toAbsolutePath().normalize());
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * Hands {@code value} to later steps as {@code name}: a line in {@code $GITHUB_OUTPUT} (read as
   * {@code steps.<id>.outputs.<name>}) or an Azure Pipelines variable (read as {@code $(<name>)} in
   * later steps of the job). Locally nothing is written.
   */
  public void setOutput(String name, String value) {
    if (value.contains("\n") || value.contains("\r")) {
      throw new IllegalArgumentException("output " + name + " must be one line");
    }
    switch (kind()) {
      case GITHUB_ACTIONS -> {
        String target = get("GITHUB_OUTPUT");
        if (target != null) {
          append(Path.of(target), name + "=" + value + "\n");
        }
      }
      case AZURE_PIPELINES ->
          console.println("##vso[task.setvariable variable=" + name + "]" + value);
      case LOCAL -> {}
    }
  }

  /**
   * The non-blank repository variables whose names start with {@code prefix}, from the JSON object
   * in the environment variable {@code jsonVariable} (GitHub's {@code toJSON(vars)}). GitHub would
   * set an unset variable to "" if the workflow mapped it to the environment, and "" would override
   * a config default; taking them from the JSON lets an unset variable stay unset.
   */
  public Map<String, String> variablesFromJson(String jsonVariable, String prefix) {
    String json = get(jsonVariable);
    if (json == null) {
      return Map.of();
    }
    JsonNode vars;
    try {
      vars = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(jsonVariable + " is not a JSON object: " + e.getMessage(), e);
    }
    Map<String, String> picked = new TreeMap<>();
    vars.fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().startsWith(prefix) && e.getValue().isValueNode()
                  && !e.getValue().asText().isBlank()) {
                picked.put(e.getKey(), e.getValue().asText());
              }
            });
    return picked;
  }

  /**
   * Sets {@code name} in the environment of the job's later steps (a line in {@code $GITHUB_ENV});
   * elsewhere nothing is needed, since Azure Pipelines already hands pipeline variables to every step.
   */
  public void exportVariable(String name, String value) {
    if (value.contains("\n") || value.contains("\r")) {
      throw new IllegalArgumentException("variable " + name + " must be one line");
    }
    if (kind() == Kind.GITHUB_ACTIONS && get("GITHUB_ENV") != null) {
      append(Path.of(get("GITHUB_ENV")), name + "=" + value + "\n");
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read summary " + file + ": " + e.getMessage(), e);
    }
  }

  private static void append(Path file, String text) {
    try {
      ScrubbedFiles.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
