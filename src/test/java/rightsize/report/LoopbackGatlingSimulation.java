package rightsize.report;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import rightsize.config.RightsizeSettings;
import rightsize.record.LoadUnit;
import rightsize.record.RecordWriter;
import rightsize.record.RequestRecord;
import rightsize.record.Status;

/**
 * A tiny real Gatling run for the cross-check test: plain HTTP requests named "chat" against a
 * loopback server, each also written as a record with the response time Gatling measured, so the
 * report's figures and Gatling's own HTML report describe the same requests. Its {@code after()}
 * uses the end-of-run hook a sizing simulation uses.
 */
public class LoopbackGatlingSimulation extends Simulation {
  static final String PORT_PROPERTY = "rightsize-test.port";
  static final String RUN_PROPERTY = "rightsize-test.run";
  static final String RESULTS_PROPERTY = "rightsize-test.gatling-results";
  static final int USERS = 4;
  static final int REQUESTS_PER_USER = 15;

  private final Path runDir = Path.of(System.getProperty(RUN_PROPERTY));
  private final RecordWriter records = new RecordWriter(runDir.resolve("records.jsonl"));

  {
    var protocol =
        http.baseUrl("http://127.0.0.1:" + System.getProperty(PORT_PROPERTY)).disableWarmUp();
    var chat =
        scenario("chat")
            .repeat(REQUESTS_PER_USER)
            .on(
                exec(http("chat")
                        .get("/chat")
                        // Saved first so a KO request still has its time in the session.
                        .check(responseTimeInMillis().saveAs("rt"), status().is(200)))
                    .exec(
                        session -> {
                          boolean ok = !session.isFailed();
                          long e2e = session.getLong("rt");
                          long start = System.currentTimeMillis() * 1000 - e2e * 1000;
                          records.write(
                              new RequestRecord(
                                  "gatling-probe", "injector-1", "chat", "loopback", "loopback",
                                  "", "4 users", USERS, LoadUnit.USERS, false, "chat", null, start,
                                  ok ? (double) e2e : null,
                                  e2e, null,
                                  new RequestRecord.Tokens(10, ok ? 5 : 0, 0, 0,
                                      RequestRecord.TokenSource.tokenizer),
                                  ok ? "stop" : null, ok ? Status.OK : Status.HTTP_ERROR,
                                  ok ? 200 : 500, null, null, null));
                          return session.markAsSucceeded();
                        }));
    setUp(chat.injectOpen(atOnceUsers(USERS))).protocols(protocol);
  }

  @Override
  public void after() {
    records.close();
    ReportGenerator.atEndOfRun(runDir, RightsizeSettings.reference(),
        Path.of(System.getProperty(RESULTS_PROPERTY)));
  }
}
