package rightsize.config;

/** How a deployment's requests and answers are shaped on the wire, independent of its kind, URL and auth. */
public enum WireFormat implements ConfigNamed {
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
  @Override
  public String configName() {
    return configName;
  }
}
