package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.emulator.EmulatorTestSupport.body;
import static rightsize.emulator.EmulatorTestSupport.post;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rightsize.emulator.EmulatorTestSupport.Answer;
import rightsize.emulator.truth.Outcome;

/** With auth enabled, requests need the key as api-key or as a bearer token. */
class AuthTest {
  private static EmulatorServer server;

  @BeforeAll
  static void start() {
    server = EmulatorServer.start(EmulatorTestSupport.setup(EmulatorTestSupport.FAST).withApiKey("k-123"), 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Answer call(String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "azureml-model-deployment";
    all[1] = "fast";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return post(server.uri(), "/score", body("hi", 3, false, false), all);
  }

  @Test
  void aMissingOrWrongKeyIs401() {
    Answer none = call("x-ms-client-request-id", "auth-none");
    Answer wrong = call("api-key", "nope");
    assertThat(none.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(none.json().at("/error/code").asText()).isEqualTo("401");
    assertThat(none.json().at("/error/message").asText()).startsWith("Access denied due to invalid subscription key");
    assertThat(server.groundTruth().request("auth-none").orElseThrow().outcome()).isEqualTo(Outcome.UNAUTHORIZED);
  }

  @Test
  void theKeyIsAcceptedAsApiKeyOrBearerToken() {
    assertThat(call("api-key", "k-123").status()).isEqualTo(200);
    assertThat(call("Authorization", "Bearer k-123").status()).isEqualTo(200);
  }

  @Test
  void theKeyNeverAppearsInTheSettingsText() {
    assertThat(server.setup().toString()).doesNotContain("k-123");
  }
}
