package rightsize.config;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code rightsize.workload} section: what the virtual users send (docs/workloads.md). Every
 * kind's block is read and checked, whichever kind is chosen.
 *
 * @param kind which of the three workloads runs
 * @param seed the order in which prompts are sent (and synthetic prompts are drawn)
 * @param chatbot multi-turn chat from a conversations file
 * @param summarization one summarization request per document of a documents file
 * @param synthetic single-turn prompts of drawn lengths
 */
public record WorkloadSettings(Kind kind, long seed, Chatbot chatbot, Summarization summarization, Synthetic synthetic) {

  /** The workloads, by config name. */
  public enum Kind implements ConfigNamed {
    CHATBOT("chatbot"),
    SUMMARIZATION("summarization"),
    SYNTHETIC("synthetic");

    private final String configName;

    Kind(String configName) {
      this.configName = configName;
    }

    /** The name used in config, e.g. "chatbot". */
    @Override
    public String configName() {
      return configName;
    }
  }

  /**
   * The {@code chatbot} block.
   *
   * @param file JSON lines, one conversation each (relative to the working directory)
   * @param maxTokens the max_tokens of every answer
   * @param maxTurns send at most this many turns of each conversation; 0 sends them all
   */
  public record Chatbot(Path file, int maxTokens, int maxTurns) {}

  /**
   * The {@code summarization} block.
   *
   * @param file JSON lines, one document each (relative to the working directory)
   * @param system the system message, or null for none
   * @param instruction what the user asks, sent before the document
   * @param maxTokens the max_tokens of every summary
   */
  public record Summarization(Path file, String system, String instruction, int maxTokens) {}

  /**
   * The {@code synthetic} block.
   *
   * @param inputTokens prompt lengths in tokens of {@code encoding}
   * @param maxTokens the max_tokens of each request
   * @param prompts how many distinct prompts are prepared before the run, then cycled through
   * @param encoding the tokenizer encoding lengths are counted in ({@code rightsize.request.encoding})
   */
  public record Synthetic(Distribution inputTokens, Distribution maxTokens, int prompts, String encoding) {}

  /** Reads {@code s} (the workload block); synthetic lengths count tokens of {@code encoding}. */
  static WorkloadSettings read(Section s, String encoding) {
    int mark = s.mark();
    Kind kind = s.choice("kind", "a workload kind", Kind.class);
    Long seed = s.longValue("seed");
    Chatbot chatbot = chatbot(s.child("chatbot"));
    Summarization summarization = summarization(s.child("summarization"));
    Synthetic synthetic = synthetic(s.child("synthetic"), encoding);
    if (s.failedSince(mark)) {
      return null;
    }
    return new WorkloadSettings(kind, seed, chatbot, summarization, synthetic);
  }

  private static Chatbot chatbot(Section s) {
    int mark = s.mark();
    String file = s.required("file");
    Integer maxTokens = s.integer("max-tokens", 1);
    Integer maxTurns = s.integer("max-turns", 0);
    return s.failedSince(mark) ? null : new Chatbot(Path.of(file), maxTokens, maxTurns);
  }

  private static Summarization summarization(Section s) {
    int mark = s.mark();
    String file = s.required("file");
    String system = s.string("system");
    String instruction = s.required("instruction");
    Integer maxTokens = s.integer("max-tokens", 1);
    if (s.failedSince(mark)) {
      return null;
    }
    return new Summarization(Path.of(file), system.isBlank() ? null : system, instruction, maxTokens);
  }

  private static Synthetic synthetic(Section s, String encoding) {
    int mark = s.mark();
    Distribution input = distribution(s, "input-tokens");
    Distribution maxTokens = distribution(s, "max-tokens");
    Integer prompts = s.integer("prompts", 1);
    return s.failedSince(mark) || encoding == null ? null : new Synthetic(input, maxTokens, prompts, encoding);
  }

  /**
   * Reads {@code key}: either a number (fixed) or a block {@code { distribution =
   * fixed|uniform|normal, value | min, max | mean, stddev[, min, max] }}; null after a problem.
   */
  private static Distribution distribution(Section s, String key) {
    if (!s.isObject(key)) {
      Integer value = s.integer(key);
      return value == null ? null : checked(s, key, () -> new Distribution.Fixed(value));
    }
    Section d = s.child(key);
    int mark = d.mark();
    String kind = d.has("distribution")
        ? d.choice("distribution", "a distribution", List.of("fixed", "uniform", "normal"))
        : "fixed";
    if (kind == null) {
      return null;
    }
    return switch (kind) {
      case "fixed" -> {
        Integer value = d.integer("value");
        yield d.failedSince(mark) ? null : checked(s, key, () -> new Distribution.Fixed(value));
      }
      case "uniform" -> {
        Integer min = d.integer("min");
        Integer max = d.integer("max");
        yield d.failedSince(mark) ? null : checked(s, key, () -> new Distribution.Uniform(min, max));
      }
      default -> {
        Double mean = d.number("mean");
        Double sd = d.number("stddev");
        Integer min = d.has("min") ? d.integer("min") : null;
        Integer max = d.has("max") ? d.integer("max") : null;
        if (d.failedSince(mark)) {
          yield null;
        }
        // Without bounds, the normal is cut at three standard deviations either side (at least 1).
        int low = min != null ? min : (int) Math.max(1, Math.round(mean - 3 * sd));
        int high = max != null ? max : (int) Math.round(mean + 3 * sd);
        yield checked(s, key, () -> new Distribution.Normal(mean, sd, low, high));
      }
    };
  }

  /** Builds a distribution, turning what its constructor refuses into a problem of {@code key}. */
  private static Distribution checked(Section s, String key, Supplier<Distribution> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      s.problem(key, "is not a valid distribution (" + e.getMessage() + ")", "fix it " + s.where(key));
      return null;
    }
  }
}
