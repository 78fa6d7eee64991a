package rightsize.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static rightsize.testing.ScriptedChatServer.DONE;
import static rightsize.testing.ScriptedChatServer.contentChunk;
import static rightsize.testing.ScriptedChatServer.finishChunk;
import static rightsize.testing.ScriptedChatServer.roleChunk;
import static rightsize.testing.ScriptedChatServer.usageChunk;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rightsize.config.Timeouts;
import rightsize.record.Status;
import rightsize.testing.Await;
import rightsize.testing.SchedulingProbe;
import rightsize.testing.ScriptedChatServer.Ending;
import rightsize.testing.ScriptedChatServer.Reply;
import rightsize.testing.ScriptedChatServer;

class ChatClientTest {
  private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(400), Duration.ofMillis(1500));
  private static ChatClient client;
  private ScriptedChatServer server;

  @BeforeAll
  static void startClient() throws Exception {
    client = new ChatClient(1);
    // Class loading on the test server's side would otherwise delay the first request it receives.
    try (ScriptedChatServer warm = new ScriptedChatServer(r -> Reply.stream(List.of(0L, 1L), List.of(contentChunk("x"), DONE), Ending.END))) {
      ChatClientTest t = new ChatClientTest();
      t.server = warm;
      for (int i = 0; i < 3; i++) {
        t.send();
      }
      t.server = null;
    }
  }

  @AfterAll
  static void stopClient() {
    client.close();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private ChatResult send(URI uri, boolean streaming) throws Exception {
    return send(uri, streaming, TIMEOUTS);
  }

  private ChatResult send(URI uri, boolean streaming, Timeouts timeouts) throws Exception {
    String id = UUID.randomUUID().toString();
    ChatRequest req = new ChatRequest(id, uri, Map.of("Content-Type", "application/json", "x-ms-client-request-id", id),
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(StandardCharsets.UTF_8), streaming, timeouts, new rightsize.config.WireFormatSettings.OpenAiChat(), "");
    CompletableFuture<ChatResult> f = new CompletableFuture<>();
    AtomicInteger calls = new AtomicInteger();
    client.execute(req, r -> {
      calls.incrementAndGet();
      f.complete(r);
    });
    ChatResult r = f.get(10, TimeUnit.SECONDS);
    Thread.sleep(20);
    assertThat(calls).as("callback called exactly once").hasValue(1);
    assertThat(r.requestId()).isEqualTo(id);
    return r;
  }

  private ChatResult send() throws Exception {
    return send(server.baseUri().resolve("/v1/chat/completions"), true);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  @Test
  void aNewClientHasReadASuccessAndEveryErrorAnswerBeforeMeasuring() {
    try (ChatClient client = new ChatClient(1)) {
      // Three streams, then a 429 with its rate-limit headers, a 500 and a gateway's 502 page.
      assertThat(client.warmUp.answers()).extracting(ChatResult::status).containsExactly(rightsize.record.Status.OK,
          rightsize.record.Status.OK, rightsize.record.Status.OK, rightsize.record.Status.THROTTLED,
          rightsize.record.Status.HTTP_ERROR, rightsize.record.Status.HTTP_ERROR);
      assertThat(client.warmUp.answers()).extracting(ChatResult::httpStatus).containsExactly(200, 200, 200, 429, 500, 502);
      assertThat(client.warmUp.answers().get(3).rateLimit().retryAfterMs()).isEqualTo(1000);
      assertThat(client.warmUp.compiledOk()).isZero();
    }
  }

  @Test
  void aCompileWarmUpReadsEveryStreamItWasAskedForAndLeavesNoConnectionBehind() {
    try (ChatClient client = new ChatClient(1, ConnectionPool.MAX_IDLE_MS, 3_000)) {
      assertThat(client.warmUp.compiledOk()).isEqualTo(3_000);
      // The throwaway server closed every connection it accepted; the pool may not hand one out again.
      Await.until(Duration.ofSeconds(5), () -> client.idleConnections() == 0);
      assertThat(client.idleConnections()).isZero();
    }
  }

  @Test
  void streamedAnswerIsTimedFromTheWrittenRequest() throws Exception {
    server = new ScriptedChatServer(r -> Reply.stream(
        List.of(0L, 80L, 100L, 120L, 140L, 150L, 155L),
        List.of(roleChunk(), contentChunk("Hello"), contentChunk(" wide"), contentChunk(" world"), finishChunk("stop"), usageChunk(5, 3), DONE),
        Ending.END));
    ChatResult r;
    double late;
    try (SchedulingProbe probe = new SchedulingProbe()) {
      r = send();
      late = probe.worstMs();
    }

    assertThat(r.status()).isEqualTo(Status.OK);
    assertThat(r.httpStatus()).isEqualTo(200);
    assertThat(r.outcome().text()).isEqualTo("Hello wide world");
    ScriptedChatServer.Received got = server.byRequestId(r.requestId());
    assertThat(got.header("x-ms-client-request-id")).isEqualTo(r.requestId());
    List<Long> arrivals = r.outcome().contentArrivalNanos();
    assertThat(arrivals).hasSize(3);
    // The measurement against what the server actually did (same clock: System.nanoTime in this JVM):
    // every content arrival within 5 ms after the server wrote it, ttft and e2e within 5 ms of the server's first content and [DONE],
    // each widened by how late this machine ran a probe thread meanwhile (a busy machine delays any thread, the client's too).
    double bound = 5.0 + late;
    for (int i = 0; i < 3; i++) {
      assertThat(ms(arrivals.get(i) - got.sentNanos.get(i + 1))).as("chunk %d delivery lag", i).isBetween(0.0, bound);
    }
    assertThat(ms(arrivals.get(0) - r.startNanos())).isCloseTo(ms(got.sentNanos.get(1) - r.startNanos()), within(bound));
    assertThat(ms(r.endNanos() - r.startNanos())).isCloseTo(ms(got.sentNanos.get(6) - r.startNanos()), within(bound));
    // And the schedule is the lower bound: nothing can be measured earlier than the server's plan.
    assertThat(ms(arrivals.get(0) - got.receivedNanos)).isGreaterThanOrEqualTo(80.0);
    assertThat(r.startNanos()).isLessThanOrEqualTo(got.receivedNanos);
  }

  @Test
  void keepAliveConnectionIsReused() throws Exception {
    server = new ScriptedChatServer(r -> Reply.stream(List.of(0L, 1L), List.of(contentChunk("x"), DONE), Ending.END));
    for (int i = 0; i < 3; i++) {
      assertThat(send().status()).isEqualTo(Status.OK);
    }
    assertThat(server.connections()).isEqualTo(1);
    assertThat(server.received()).hasSize(3);
  }

  @Test
  void connectionsIdleTooLongAreNotReused() throws Exception {
    server = new ScriptedChatServer(r -> Reply.stream(List.of(0L, 1L), List.of(contentChunk("x"), DONE), Ending.END));
    ChatClient shared = client;
    try (ChatClient quick = new ChatClient(1, 300)) {
      client = quick;
      assertThat(send().status()).isEqualTo(Status.OK);
      assertThat(send().status()).isEqualTo(Status.OK);
      assertThat(server.connections()).as("reused while fresh").isEqualTo(1);
      Thread.sleep(500);
      assertThat(send().status()).isEqualTo(Status.OK);
      assertThat(server.connections()).as("not reused once idle too long").isEqualTo(2);
    } finally {
      client = shared;
    }
  }

  @Test
  void nonStreamingAnswerIsRead() throws Exception {
    server = new ScriptedChatServer(r -> Reply.json(
        "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi there\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}"));
    ChatResult r = send(server.baseUri().resolve("/v1/chat/completions"), false);
    assertThat(r.status()).isEqualTo(Status.OK);
    assertThat(r.outcome().text()).isEqualTo("Hi there");
    assertThat(r.outcome().usage().completionTokens()).isEqualTo(2);
  }

  @Test
  void throttledAnswerKeepsRetryAfterAndQuotaHeaders() throws Exception {
    server = new ScriptedChatServer(r -> Reply.status(429,
        "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the ChatCompletions_Create Operation have exceeded token rate limit. Please retry after 2 seconds.\"}}",
        Map.of("retry-after", "2", "retry-after-ms", "1500", "x-ratelimit-remaining-requests", "0", "x-ratelimit-remaining-tokens", "120",
            "azure-openai-deployment-utilization", "101.5%")));
    ChatResult r = send();
    assertThat(r.status()).isEqualTo(Status.THROTTLED);
    assertThat(r.httpStatus()).isEqualTo(429);
    assertThat(r.errorCode()).isEqualTo("429");
    assertThat(r.message()).startsWith("HTTP 429: Requests to the ChatCompletions_Create");
    assertThat(r.rateLimit().retryAfterMs()).isEqualTo(1500L);
    assertThat(r.rateLimit().remainingRequests()).isEqualTo(0L);
    assertThat(r.rateLimit().remainingTokens()).isEqualTo(120L);
    assertThat(r.rateLimit().utilization()).isEqualTo("101.5%");
    assertThat(r.outcome()).isNull();
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void retryAfterInSecondsIsUsedWithoutRetryAfterMs() throws Exception {
    server = new ScriptedChatServer(r -> Reply.status(429, "Too many pending requests", Map.of("retry-after", "3")));
    ChatResult r = send();
    assertThat(r.status()).isEqualTo(Status.THROTTLED);
    assertThat(r.rateLimit().retryAfterMs()).isEqualTo(3000L);
    assertThat(r.message()).isEqualTo("HTTP 429: Too many pending requests");
  }

  @Test
  void errorStatusesKeepTheServiceErrorCode() throws Exception {
    server = new ScriptedChatServer(r -> Reply.status(404,
        "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}", Map.of()));
    ChatResult r = send();
    assertThat(r.status()).isEqualTo(Status.HTTP_ERROR);
    assertThat(r.httpStatus()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("DeploymentNotFound");

    server.script(x -> Reply.status(422, "{\"status\":422,\"code\":\"parameter_not_supported\",\"message\":\"foo is not supported\"}", Map.of()));
    r = send();
    assertThat(r.errorCode()).isEqualTo("parameter_not_supported");
    assertThat(r.message()).isEqualTo("HTTP 422: foo is not supported");

    server.script(x -> Reply.status(500, "{\"message\":\"An unexpected error occurred in scoring script.\"}", Map.of()));
    r = send();
    assertThat(r.status()).isEqualTo(Status.HTTP_ERROR);
    assertThat(r.errorCode()).isNull();
    assertThat(r.message()).isEqualTo("HTTP 500: An unexpected error occurred in scoring script.");
    assertThat(server.received()).hasSize(3);
    assertThat(server.connections()).as("error answers with a body keep the connection").isEqualTo(1);
  }

  @Test
  void contentFilterRefusalIsClassifiedAsSuch() throws Exception {
    server = new ScriptedChatServer(r -> Reply.status(400,
        "{\"error\":{\"message\":\"The response was filtered\",\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\"}}}",
        Map.of()));
    ChatResult r = send();
    assertThat(r.status()).isEqualTo(Status.CONTENT_FILTERED);
    assertThat(r.httpStatus()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("content_filter");
  }

  @Test
  void disconnectMidStreamIsConnectionLostWithThePartialAnswer() throws Exception {
    server = new ScriptedChatServer(r -> Reply.stream(List.of(10L, 30L), List.of(contentChunk("Hel"), contentChunk("lo")), Ending.DISCONNECT));
    ChatResult r = send();
    assertThat(r.status()).isEqualTo(Status.CONNECTION_LOST);
    assertThat(r.outcome().text()).isEqualTo("Hello");
    assertThat(r.outcome().contentArrivalNanos()).hasSize(2);
    assertThat(server.received()).as("never sent twice").hasSize(1);
  }

  @Test
  void aStreamEndingWithoutDoneIsOkOnlyAfterAFinishReason() throws Exception {
    server = new ScriptedChatServer(r -> Reply.stream(List.of(5L, 10L), List.of(contentChunk("All"), finishChunk("stop")), Ending.END));
    ChatResult r = send();
    assertThat(r.status()).isEqualTo(Status.OK);
    assertThat(r.outcome().done()).isFalse();

    server.script(x -> Reply.stream(List.of(5L, 10L), List.of(contentChunk("Trun"), contentChunk("cated")), Ending.END));
    r = send();
    assertThat(r.status()).isEqualTo(Status.CONNECTION_LOST);
    assertThat(r.message()).isEqualTo("stream ended without [DONE] or a finish reason");
    assertThat(r.outcome().text()).isEqualTo("Truncated");
  }

  /**
   * A 200 stream that ends normally with nothing visible is its own status, never an ok without a
   * ttft: here a reasoning model stopped by max_tokens before it answered, and a plain empty answer.
   */
  @Test
  void aStreamEndingNormallyWithoutVisibleContentIsAnEmptyAnswer() throws Exception {
    String reasoning = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":null,\"reasoning_content\":\"Let me think\"}}]}\n\n";
    server = new ScriptedChatServer(r -> Reply.stream(List.of(0L, 5L, 10L, 15L),
        List.of(roleChunk(), reasoning, finishChunk("length"), DONE), Ending.END));
    ChatResult r = send();
    assertThat(r.status()).isEqualTo(Status.EMPTY_ANSWER);
    assertThat(r.message()).isEqualTo("answer ended with no visible content (finish_reason length, after reasoning)");
    assertThat(r.outcome().reasoned()).isTrue();
    assertThat(r.outcome().contentArrivalNanos()).isEmpty();

    server.script(x -> Reply.stream(List.of(0L, 5L, 10L), List.of(roleChunk(), finishChunk("stop"), DONE), Ending.END));
    r = send();
    assertThat(r.status()).isEqualTo(Status.EMPTY_ANSWER);
    assertThat(r.message()).isEqualTo("answer ended with no visible content (finish_reason stop)");
  }

  /**
   * Azure OpenAI "On Your Data" (2023 extensions API) ends its stream with a {@code [DONE]}
   * message and no finish reason: it is read as a complete answer, not a lost connection.
   */
  @Test
  void anOnYourDataStreamIsAnAnswer() throws Exception {
    String head = "data:{\"id\": \"x\", \"object\": \"chat.completion.chunk\", \"choices\": [{\"index\": 0, \"messages\": [";
    String tail = "], \"finish_reason\": null}]}\n\n";
    server = new ScriptedChatServer(r -> Reply.stream(List.of(0L, 5L, 10L, 15L, 20L), List.of(
        head + "{\"delta\": {\"role\": \"tool\", \"content\": \"{\\\"citations\\\": []}\"}, \"index\": 0}" + tail,
        head + "{\"delta\": {\"role\": \"assistant\"}, \"index\": 1}" + tail,
        head + "{\"delta\": {\"content\": \"Grounded\"}, \"index\": 1}" + tail,
        head + "{\"delta\": {\"content\": \" answer [doc1].\"}, \"index\": 1}" + tail,
        head + "{\"delta\": {\"content\": \"[DONE]\"}, \"index\": 2}" + tail), Ending.STALL));
    ChatResult r = send();
    assertThat(r.status()).isEqualTo(Status.OK);
    assertThat(r.outcome().text()).isEqualTo("Grounded answer [doc1].");
    assertThat(r.outcome().done()).isTrue();
    assertThat(r.outcome().contentArrivalNanos()).hasSize(2);
  }

  /**
   * A stream of another shape (here the Responses API's events) is not blamed on the connection:
   * the message names what its events looked like.
   */
  @Test
  void aStreamOfAnotherShapeIsNamed() throws Exception {
    String event = "data: {\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\",\"delta\":\"Hi\"}\n\n";
    server = new ScriptedChatServer(r -> Reply.stream(List.of(0L, 5L), List.of(event, event), Ending.END));
    ChatResult r = send();
    assertThat(r.status()).isEqualTo(Status.CONNECTION_LOST);
    assertThat(r.message()).isEqualTo("stream ended without [DONE] or a finish reason; 2 events had no choices"
        + " (the first one's fields: type, item_id, delta): not an OpenAI chat-completions stream");
  }

  @Test
  void noContentInTimeIsFirstTokenTimeout() throws Exception {
    server = new ScriptedChatServer(r -> Reply.stream(List.of(0L), List.of(roleChunk()), Ending.STALL));
    ChatResult r = send();
    assertThat(r.status()).isEqualTo(Status.TIMEOUT_FIRST_TOKEN);
    assertThat(ms(r.endNanos() - r.startNanos())).isCloseTo(400.0, within(50.0));
    assertThat(r.message()).isEqualTo("no content within 400 ms");

    server.script(x -> Reply.silence());
    r = send();
    assertThat(r.status()).isEqualTo(Status.TIMEOUT_FIRST_TOKEN);
    assertThat(r.httpStatus()).isNull();
    assertThat(server.received()).hasSize(2);
    assertThat(server.connections()).as("a timed-out connection is closed, not reused").isEqualTo(2);
  }

  @Test
  void stallAfterContentIsTotalTimeout() throws Exception {
    server = new ScriptedChatServer(r -> Reply.stream(List.of(20L), List.of(contentChunk("partial")), Ending.STALL));
    ChatResult r = send();
    assertThat(r.status()).isEqualTo(Status.TIMEOUT_TOTAL);
    assertThat(ms(r.endNanos() - r.startNanos())).isCloseTo(1500.0, within(50.0));
    assertThat(r.outcome().text()).isEqualTo("partial");
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void unparseableStreamIsMalformed() throws Exception {
    server = new ScriptedChatServer(r -> Reply.stream(List.of(0L, 5L, 10L),
        List.of(contentChunk("ok"), "data: {\"choices\":[{\"delta\":{\"content\":\"bro\n\n", DONE), Ending.END));
    ChatResult r = send();
    assertThat(r.status()).isEqualTo(Status.MALFORMED_STREAM);
    assertThat(r.message()).isNotBlank();
  }

  @Test
  void backToBackSendsEveryRequestAndCountsHowEachEnded() throws Exception {
    server = new ScriptedChatServer(r -> Reply.stream(List.of(0L, 1L), List.of(contentChunk("ok"), DONE), Ending.END));
    URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions");
    ChatRequest ok = new ChatRequest("b2b", uri, Map.of(), "{}".getBytes(StandardCharsets.UTF_8), true, TIMEOUTS,
        new rightsize.config.WireFormatSettings.OpenAiChat(), "");
    assertThat(BackToBack.send(client, ok, 50, 4, Duration.ofSeconds(20))).isEqualTo(Map.of(Status.OK, 50));
    assertThat(server.received()).hasSize(50);

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ChatRequest refused = new ChatRequest("b2b", URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"), Map.of(),
        "{}".getBytes(StandardCharsets.UTF_8), true, TIMEOUTS, new rightsize.config.WireFormatSettings.OpenAiChat(), "");
    assertThat(BackToBack.send(client, refused, 10, 3, Duration.ofSeconds(20))).isEqualTo(Map.of(Status.CONNECT_FAILED, 10));
  }

  @Test
  void refusedConnectionIsConnectFailed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ChatResult r = send(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"), true);
    assertThat(r.status()).isEqualTo(Status.CONNECT_FAILED);
    assertThat(r.written()).isFalse();
    assertThat(r.message()).isEqualTo("connection refused by http://127.0.0.1:" + port);
  }

  @Test
  void aConnectionThatNeverOpensIsBoundedByTheConnectTimeout() throws Exception {
    // A listening socket that never accepts, its backlog filled: the kernel drops further SYNs.
    try (java.nio.channels.ServerSocketChannel full = java.nio.channels.ServerSocketChannel.open()) {
      full.bind(new java.net.InetSocketAddress("127.0.0.1", 0), 1);
      int port = ((java.net.InetSocketAddress) full.getLocalAddress()).getPort();
      List<java.nio.channels.SocketChannel> fillers = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open();
          c.configureBlocking(false);
          c.connect(new java.net.InetSocketAddress("127.0.0.1", port));
          fillers.add(c);
        }
        Timeouts quick = new Timeouts(Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(2));
        ChatResult r;
        double late;
        try (SchedulingProbe probe = new SchedulingProbe()) {
          r = send(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"), true, quick);
          late = probe.worstMs();
        }
        assertThat(r.status()).isEqualTo(Status.CONNECT_FAILED);
        assertThat(r.written()).isFalse();
        // Not before the timeout; after it by at most 100 ms plus how late this machine ran a probe thread meanwhile.
        assertThat(ms(r.endNanos() - r.startNanos())).isBetween(200.0, 400.0 + late);
      } finally {
        for (java.nio.channels.SocketChannel c : fillers) {
          c.close();
        }
      }
    }
  }

  @Test
  void aClosedClientFailsRequestsInsteadOfThrowing() throws Exception {
    ChatClient shared = client;
    ChatClient closed = new ChatClient(1);
    closed.close();
    client = closed;
    try {
      ChatResult r = send(URI.create("http://127.0.0.1:9/v1/chat/completions"), true);
      assertThat(r.status()).isEqualTo(Status.CONNECT_FAILED);
      assertThat(r.written()).isFalse();
    } finally {
      client = shared;
    }
  }

  @Test
  void failedTlsHandshakeIsConnectFailed() throws Exception {
    server = new ScriptedChatServer(r -> Reply.json("{}"));
    ChatResult r = send(URI.create("https://127.0.0.1:" + server.port() + "/v1/chat/completions"), true);
    assertThat(r.status()).isEqualTo(Status.CONNECT_FAILED);
    assertThat(r.written()).isFalse();
    assertThat(r.message()).startsWith("TLS handshake with https://127.0.0.1:" + server.port() + " failed");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void tlsToAPlainHttpServerSaysSoInWordsWithoutAHexDump() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread answer = new Thread(() -> {
        try (java.net.Socket s = plain.accept()) {
          s.getInputStream().read(new byte[512]);
          s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          Thread.sleep(500);
        } catch (Exception ignored) {
          // The test reads what the client made of it.
        }
      });
      answer.start();
      ChatResult r = send(URI.create("https://127.0.0.1:" + plain.getLocalPort() + "/v1/chat/completions"), true);
      answer.join();
      assertThat(r.status()).isEqualTo(Status.CONNECT_FAILED);
      assertThat(r.message()).isEqualTo("TLS handshake with https://127.0.0.1:" + plain.getLocalPort() + " failed:"
          + " the server answered in plain text, not TLS: is the endpoint http:// rather than https://?");
    }
  }
}
