package rightsize.gatling;

import io.gatling.core.CoreComponents;
import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.session.Session;
import rightsize.chat.ChatResponseReader;
import rightsize.client.ChatClient;
import java.util.List;
import rightsize.config.InvalidConfigException;
import rightsize.config.RightsizeSettings;
import rightsize.endpoint.Endpoint;
import rightsize.endpoint.EndpointSetupException;
import rightsize.metrics.TokenCounter;
import rightsize.run.RightsizeRun;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * What genai actions of one scenario share: the resolved target, the client, the run and the
 * tokenizer. Built when the simulation is set up, before any load.
 */
final class GenAiComponents implements ProtocolComponents {
  final GenAiProtocol protocol;
  final CoreComponents core;
  final RightsizeRun run;
  final Endpoint endpoint;
  final ChatClient client;
  final TokenCounter tokens;

  GenAiComponents(GenAiProtocol protocol, CoreComponents core) {
    this.protocol = protocol;
    this.core = core;
    this.run = RightsizeRun.current();
    // Resolving here (Entra token, emulator start) makes a broken target fail before the load starts.
    try {
      this.endpoint = Endpoint.resolve(protocol.deployment, run.settings());
    } catch (EndpointSetupException e) {
      throw RightsizeSettings.exitInvalid(new InvalidConfigException(List.of(
          "deployment '" + protocol.deployment.name() + "' cannot be reached: " + e.getMessage())));
    }
    this.client = ChatClient.shared(run.settings().client());
    // The report judges the client by its own delay: how late its loops and Gatling's ran (docs/metrics.md).
    run.watchEventLoops(client.eventLoops(), core.eventLoopGroup());
    ChatResponseReader.warmUp(protocol.deployment.wireFormat());
    this.tokens = TokenCounter.forEncoding(protocol.defaults.encoding());
  }

  @Override
  public Function1<Session, Session> onStart() {
    return session -> session;
  }

  @Override
  public Function1<Session, BoxedUnit> onExit() {
    return session -> BoxedUnit.UNIT;
  }
}
