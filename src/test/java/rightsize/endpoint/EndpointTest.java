package rightsize.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import rightsize.client.ChatClient;
import rightsize.client.ChatRequest;
import rightsize.client.ChatResult;
import rightsize.config.DeploymentSettings;
import rightsize.config.RightsizeSettings;
import rightsize.config.Timeouts;
import rightsize.testing.ScriptedChatServer.Received;
import rightsize.testing.ScriptedChatServer.Reply;
import rightsize.testing.ScriptedChatServer;
import rightsize.secret.Secret;

class EndpointTest {
  private static final String KEY = "sk-test-4d1f9e";
  private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
  private static final ChatParams PARAMS =
      new ChatParams(List.of(Map.of("role", "user", "content", "Say hi")), 42, 0.2, true, true, Map.of());

  private static ScriptedChatServer server;
  private static ChatClient client;

  @BeforeAll
  static void start() {
    server = new ScriptedChatServer(r -> Reply.json(
        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}"));
    client = new ChatClient(1);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private static DeploymentSettings deployment(String fields) {
    String hocon = "rightsize.deployments = [ { name = d, endpoint = \"" + server.baseUri() + "/\", " + fields + " } ]";
    return RightsizeSettings.from(ConfigFactory.parseString(hocon), Map.of("TEST_KEY", KEY)::get).deployment("d");
  }

  private static Received roundTrip(Endpoint target) throws Exception {
    ChatRequest req = target.request(PARAMS, TIMEOUTS);
    CompletableFuture<ChatResult> done = new CompletableFuture<>();
    client.execute(req, done::complete);
    ChatResult r = done.get(5, TimeUnit.SECONDS);
    assertThat(r.status().isOk()).as(r.message()).isTrue();
    Received got = server.byRequestId(req.requestId());
    assertThat(got.header("x-ms-client-request-id")).isEqualTo(req.requestId()).matches("[0-9a-f-]{36}");
    assertThat(req.toString()).doesNotContain(KEY);
    return got;
  }

  private static Endpoint resolve(DeploymentSettings d) {
    return Endpoint.resolve(d, RightsizeSettings.reference(), null);
  }

  @Test
  void azureOpenAiUsesTheDatedDeploymentPathAndApiKey() throws Exception {
    Received got = roundTrip(resolve(deployment("kind = azure-openai, deployment = gpt-4o-mini, auth { type = api-key, key-env = TEST_KEY }")));
    assertThat(got.method).isEqualTo("POST");
    assertThat(got.uri).isEqualTo("/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21");
    assertThat(got.header("api-key")).isEqualTo(KEY);
    assertThat(got.header("authorization")).isNull();
    JsonNode body = got.json();
    assertThat(body.has("model")).isFalse();
    assertThat(body.path("max_tokens").asInt()).isEqualTo(42);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(got.lastMessage()).isEqualTo("Say hi");
    assertThat(got.header("accept")).isEqualTo("text/event-stream");
    assertThat(got.header("content-type")).isEqualTo("application/json");
  }

  @Test
  void azureOpenAiV1PutsTheDeploymentInTheBody() throws Exception {
    Received got = roundTrip(resolve(deployment("kind = azure-openai-v1, deployment = gpt-4.1-mini, max-tokens-param = max_completion_tokens, auth { type = api-key, key-env = TEST_KEY }")));
    assertThat(got.uri).isEqualTo("/openai/v1/chat/completions");
    assertThat(got.json().path("model").asText()).isEqualTo("gpt-4.1-mini");
    assertThat(got.json().path("max_completion_tokens").asInt()).isEqualTo(42);
    assertThat(got.json().has("max_tokens")).isFalse();
    assertThat(got.header("api-key")).isEqualTo(KEY);
  }

  @Test
  void foundryModelsUsesTheModelsRouteWithBearerKey() throws Exception {
    Received got = roundTrip(resolve(deployment("kind = foundry-models, deployment = Phi-4, auth { type = bearer, key-env = TEST_KEY }, headers { extra-parameters = drop }")));
    assertThat(got.uri).isEqualTo("/models/chat/completions?api-version=2024-05-01-preview");
    assertThat(got.json().path("model").asText()).isEqualTo("Phi-4");
    assertThat(got.header("authorization")).isEqualTo("Bearer " + KEY);
    assertThat(got.header("extra-parameters")).isEqualTo("drop");
  }

  @Test
  void amlOnlineEndpointScoresWithTheDeploymentHeader() throws Exception {
    Received got = roundTrip(resolve(deployment("kind = aml-online-endpoint, deployment = blue-f4, auth { type = bearer, key-env = TEST_KEY }")));
    assertThat(got.uri).isEqualTo("/score");
    assertThat(got.header("azureml-model-deployment")).isEqualTo("blue-f4");
    assertThat(got.header("authorization")).isEqualTo("Bearer " + KEY);
    assertThat(got.json().has("model")).isFalse();
  }

  @Test
  void openAiCompatibleServersNeedNoAuth() throws Exception {
    Received got = roundTrip(resolve(deployment("kind = openai-compatible, deployment = \"qwen2.5:0.5b\", auth.type = none")));
    assertThat(got.uri).isEqualTo("/v1/chat/completions");
    assertThat(got.json().path("model").asText()).isEqualTo("qwen2.5:0.5b");
    assertThat(got.header("authorization")).isNull();
    assertThat(got.header("api-key")).isNull();
  }

  /** A credential that counts its calls and where they came from. */
  private static final class FakeCredential implements TokenCredential {
    final List<String> scopes = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public Mono<AccessToken> getToken(com.azure.core.credential.TokenRequestContext context) {
      scopes.addAll(context.getScopes());
      threads.add(Thread.currentThread().getName());
      return Mono.just(new AccessToken("entra-token-" + scopes.size(), OffsetDateTime.now().plusHours(1)));
    }
  }

  @Test
  void entraTokensAreFetchedOnceBeforeLoadWithTheScopeOfTheKind() throws Exception {
    FakeCredential cred = new FakeCredential();
    Endpoint foundry = Endpoint.resolve(deployment("kind = foundry-models, deployment = Phi-4, auth.type = entra"), RightsizeSettings.reference(), cred);
    assertThat(cred.scopes).containsExactly("https://cognitiveservices.azure.com/.default");
    for (int i = 0; i < 20; i++) {
      assertThat(roundTrip(foundry).header("authorization")).isEqualTo("Bearer entra-token-1");
    }
    assertThat(cred.scopes).as("never fetched per request").hasSize(1);
    assertThat(cred.threads).containsExactly(Thread.currentThread().getName());

    FakeCredential aml = new FakeCredential();
    Endpoint.resolve(deployment("kind = aml-online-endpoint, deployment = blue, auth.type = entra"), RightsizeSettings.reference(), aml);
    assertThat(aml.scopes).containsExactly("https://ml.azure.com/.default");

    FakeCredential custom = new FakeCredential();
    Endpoint.resolve(deployment("kind = openai-compatible, deployment = m, auth { type = entra, scope = \"api://app/.default\" }"), RightsizeSettings.reference(), custom);
    assertThat(custom.scopes).containsExactly("api://app/.default");
  }

  @Test
  void anEntraTokenIsReplacedBeforeItExpiresWithoutARequestWaiting() throws Exception {
    // Tokens that live 33 s, well inside azure-core's 5-minute refresh window; azure-core refreshes
    // at most every 30 s, so the second token must be in place between 30 and 33 s.
    List<OffsetDateTime> expiries = new CopyOnWriteArrayList<>();
    TokenCredential shortLived = ctx -> {
      OffsetDateTime expiry = OffsetDateTime.now().plusSeconds(33);
      expiries.add(expiry);
      return Mono.just(new AccessToken("short-" + expiries.size(), expiry));
    };
    EntraAuth auth = new EntraAuth(shortLived, "api://app/.default", Duration.ofMillis(100), Duration.ofSeconds(5));
    assertThat(auth.header().value()).isEqualTo("Bearer short-1");
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (auth.header().value().equals("Bearer short-1") && System.nanoTime() < deadline) {
      // What the request path does: read the held header, never wait for a token.
      Thread.sleep(100);
    }
    OffsetDateTime replaced = OffsetDateTime.now();
    assertThat(auth.header().value()).isEqualTo("Bearer short-2");
    assertThat(replaced).as("replaced before the first token expired").isBefore(expiries.get(0));
    // Each token was registered as a secret when it arrived, the refreshed one too.
    assertThat(Secret.redact("401: short-1 and short-2 rejected")).isEqualTo("401: *** and *** rejected");
  }

  @Test
  void aMissingEntraSignInFailsBeforeLoadInOneLine() {
    TokenCredential none = ctx -> Mono.error(new IllegalStateException("EnvironmentCredential authentication unavailable.\nmore detail"));
    assertThatThrownBy(() -> Endpoint.resolve(deployment("kind = azure-openai, deployment = x, auth.type = entra"), RightsizeSettings.reference(), none))
        .isInstanceOf(EndpointSetupException.class)
        .hasMessage("no Entra ID token for scope https://cognitiveservices.azure.com/.default"
            + " (tried EnvironmentCredential; EnvironmentCredential authentication unavailable.): "
            + "sign in with az login, use a managed identity, or set AZURE_TENANT_ID/AZURE_CLIENT_ID with a federated or secret credential");
  }

  @Test
  void aSignInThatNeverAnswersStopsAtTheSignInTimeoutNamingTheSourcesTried() {
    TokenCredential silent = ctx -> Mono.never();
    DeploymentSettings d = deployment("kind = azure-openai, deployment = x, auth { type = entra, sign-in-timeout = 500ms }");
    long started = System.nanoTime();
    assertThatThrownBy(() -> Endpoint.resolve(d, RightsizeSettings.reference(), silent))
        .isInstanceOf(EndpointSetupException.class)
        .hasMessage("no Entra ID token for scope https://cognitiveservices.azure.com/.default within 0.5 s (tried EnvironmentCredential,"
            + " WorkloadIdentityCredential, ManagedIdentityCredential, AzureCliCredential, AzurePowerShellCredential,"
            + " AzureDeveloperCliCredential): sign in with az login, use a managed identity, or set AZURE_TENANT_ID/AZURE_CLIENT_ID"
            + " with a federated or secret credential; or raise auth.sign-in-timeout");
    // Not before the timeout; after it, only as late as this machine was to run the test at all.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
  }

  @Test
  void theRunsSignInCheckIsOneLineNamingTheDeploymentAndTheSourcesTried() {
    RightsizeSettings settings = RightsizeSettings.from(ConfigFactory.parseString(
        "rightsize.deployments = [ { name = aml, kind = aml-online-endpoint, endpoint = \"https://ep.eastus.inference.ml.azure.com\","
            + " deployment = blue, auth { type = entra, sign-in-timeout = 300ms } } ]"), Map.<String, String>of()::get);
    TokenCredential unavailable = ctx -> Mono.error(new IllegalStateException(
        "EnvironmentCredential authentication unavailable. ManagedIdentityCredential authentication unavailable.\nstack..."));

    assertThat(new EntraSignInCheck(unavailable).problems(settings)).containsExactly(
        "rightsize.deployments[0].auth.type is entra for deployment 'aml' but no Entra ID token for scope https://ml.azure.com/.default"
            + " (tried EnvironmentCredential, ManagedIdentityCredential; EnvironmentCredential authentication unavailable."
            + " ManagedIdentityCredential authentication unavailable.): sign in with az login, use a managed identity, or set"
            + " AZURE_TENANT_ID/AZURE_CLIENT_ID with a federated or secret credential");
  }

  @Test
  void headersNeverPrintTheirValue() {
    assertThat(new Header("api-key", KEY).toString()).isEqualTo("api-key: ***");
  }
}
