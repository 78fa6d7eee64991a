package rightsize.gatling;

import rightsize.config.DeploymentSettings;
import rightsize.run.RightsizeRun;

/**
 * The genai DSL: {@code genai.deployment(d)} is the protocol of one deployment and {@code
 * genai.chat(name)} a chat-completion request, measured and recorded.
 */
public final class GenAi {
  /** The DSL entry point: {@code import static rightsize.gatling.GenAi.genai;}. */
  public static final GenAi genai = new GenAi();

  /** Session attribute with the population step label of a request (e.g. "10 users"), written to its record. */
  public static final String STEP = "rightsize.step";

  /** Session attribute with the load level of a request (users or arrival rate, a number), written to its record. */
  public static final String LOAD = "rightsize.load";

  /**
   * Session attribute with what the load counts (a {@code LoadUnit}, or its label "users" or
   * "users/s"), written to its record; users when absent.
   */
  public static final String LOAD_UNIT = "rightsize.load-unit";

  /** Session attribute that is true for warm-up requests, which reports leave out; false when absent. */
  public static final String WARMUP = "rightsize.warmup";

  private GenAi() {}

  /** The protocol of {@code deployment}, with the run's request defaults ({@code rightsize.request}). */
  public GenAiProtocolBuilder deployment(DeploymentSettings deployment) {
    return new GenAiProtocolBuilder(deployment, RightsizeRun.current().settings().request());
  }

  /** The protocol of the configured deployment named {@code name}. */
  public GenAiProtocolBuilder deployment(String name) {
    return deployment(RightsizeRun.current().settings().deployment(name));
  }

  /** A chat-completion request named {@code name} in Gatling's stats; set its messages or prompt next. */
  public ChatActionBuilder chat(String name) {
    return ChatActionBuilder.named(name);
  }
}
