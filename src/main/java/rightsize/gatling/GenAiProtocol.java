package rightsize.gatling;

import io.gatling.core.CoreComponents;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolKey;
import rightsize.config.DeploymentSettings;
import rightsize.config.RequestDefaults;
import scala.Function1;

/** The Gatling protocol value of one deployment: where genai requests go and their defaults. */
final class GenAiProtocol implements Protocol {

  /** How Gatling finds the genai protocol of a scenario and builds its components. */
  static final ProtocolKey<GenAiProtocol, GenAiComponents> KEY =
      new ProtocolKey<>() {
        @Override
        @SuppressWarnings("unchecked")
        public Class<Protocol> protocolClass() {
          return (Class<Protocol>) (Class<?>) GenAiProtocol.class;
        }

        @Override
        public GenAiProtocol defaultProtocolValue(GatlingConfiguration configuration) {
          throw new IllegalStateException(
              "a genai.chat request has no genai protocol: add .protocols(genai.deployment(...)) to its scenario or to setUp");
        }

        @Override
        public Function1<GenAiProtocol, GenAiComponents> newComponents(CoreComponents core) {
          return protocol -> new GenAiComponents(protocol, core);
        }
      };

  final DeploymentSettings deployment;
  final RequestDefaults defaults;

  GenAiProtocol(DeploymentSettings deployment, RequestDefaults defaults) {
    this.deployment = deployment;
    this.defaults = defaults;
  }

  @Override
  public String toString() {
    return "GenAiProtocol[" + deployment.name() + "]";
  }
}
