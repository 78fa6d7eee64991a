package rightsize.gatling;

import io.gatling.javaapi.core.ProtocolBuilder;
import java.time.Duration;
import rightsize.config.DeploymentSettings;
import rightsize.config.RequestDefaults;
import rightsize.config.Timeouts;
import rightsize.config.WireFormatSettings;

/**
 * Builds the genai protocol of one deployment: its target comes from the deployment's config, and
 * these methods override the request defaults of {@code rightsize.request}.
 *
 * <p>Immutable, so all methods return a new occurrence and leave the original unmodified.
 */
public final class GenAiProtocolBuilder implements ProtocolBuilder {
  private final DeploymentSettings deployment;
  private final RequestDefaults defaults;

  GenAiProtocolBuilder(DeploymentSettings deployment, RequestDefaults defaults) {
    this.deployment = deployment;
    this.defaults = defaults;
  }

  /** The deployment requests go to. */
  public DeploymentSettings deployment() {
    return deployment;
  }

  /**
   * Speaks to the deployment in {@code format} instead of its configured {@code wire-format}, e.g.
   * {@code WireFormatSettings.promptFlow("chat_input", "chat_history", "chat_output")} for a prompt-flow app.
   * An emulated deployment serves the format of its config, so change that one in the config.
   */
  public GenAiProtocolBuilder wireFormat(WireFormatSettings format) {
    return new GenAiProtocolBuilder(deployment.withWireFormat(format), defaults);
  }

  /** The wire format requests are sent and answers read in. */
  public WireFormatSettings wireFormat() {
    return deployment.wireFormat();
  }

  /** The output limit sent when a request sets none. */
  public GenAiProtocolBuilder maxTokens(int maxTokens) {
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be > 0, got " + maxTokens);
    }
    return with(new RequestDefaults(defaults.stream(), defaults.includeUsage(), maxTokens, defaults.temperature(), defaults.encoding(), defaults.timeouts()));
  }

  /** The sampling temperature sent. */
  public GenAiProtocolBuilder temperature(double temperature) {
    return with(new RequestDefaults(defaults.stream(), defaults.includeUsage(), defaults.maxTokens(), temperature, defaults.encoding(), defaults.timeouts()));
  }

  /** Streamed (SSE) answers when true, one JSON answer when false. */
  public GenAiProtocolBuilder stream(boolean stream) {
    return with(new RequestDefaults(stream, defaults.includeUsage(), defaults.maxTokens(), defaults.temperature(), defaults.encoding(), defaults.timeouts()));
  }

  /** Asks a streaming server for the final usage event (stream_options.include_usage). */
  public GenAiProtocolBuilder includeUsage(boolean includeUsage) {
    return with(new RequestDefaults(defaults.stream(), includeUsage, defaults.maxTokens(), defaults.temperature(), defaults.encoding(), defaults.timeouts()));
  }

  /** The tokenizer encoding used when the server sends no usage (o200k_base, cl100k_base, ...). */
  public GenAiProtocolBuilder encoding(String encoding) {
    return with(new RequestDefaults(defaults.stream(), defaults.includeUsage(), defaults.maxTokens(), defaults.temperature(), encoding, defaults.timeouts()));
  }

  /** The connect, first-token and total timeouts; each must be > 0. */
  public GenAiProtocolBuilder timeouts(Duration connect, Duration firstToken, Duration total) {
    return with(new RequestDefaults(defaults.stream(), defaults.includeUsage(), defaults.maxTokens(), defaults.temperature(), defaults.encoding(), new Timeouts(connect, firstToken, total)));
  }

  private GenAiProtocolBuilder with(RequestDefaults d) {
    return new GenAiProtocolBuilder(deployment, d);
  }

  @Override
  public io.gatling.core.protocol.Protocol protocol() {
    return new GenAiProtocol(deployment, defaults);
  }
}
