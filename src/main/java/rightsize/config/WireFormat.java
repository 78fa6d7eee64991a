package rightsize.config;

import java.util.Arrays;
import java.util.List;

/** How a deployment's requests and answers are shaped on the wire, independent of its kind, URL and auth. */
public enum WireFormat {
  /** OpenAI chat completions: messages in, chunks ending with [DONE] out (the default). */
  OPENAI_CHAT("openai-chat"),
  /** A prompt flow: the flow's inputs in, its outputs out; streamed as output-field deltas without [DONE]. */
  PROMPTFLOW("promptflow"),
  /** A catalog chat model on Azure ML managed compute: input_data in, {"output": ...} out, never streamed. */
  AML_CHAT("aml-chat"),
  /** A team's own JSON-over-HTTP app. */
  CUSTOM("custom");

  private final String configName;

  WireFormat(String configName) {
    this.configName = configName;
  }

  /** The name used in config ({@code wire-format}). */
  public String configName() {
    return configName;
  }

  /** The format called {@code name} in config, or null when there is none. */
  public static WireFormat fromConfigName(String name) {
    for (WireFormat f : values()) {
      if (f.configName.equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** All config names, for error messages. */
  public static List<String> configNames() {
    return Arrays.stream(values()).map(WireFormat::configName).toList();
  }
}
