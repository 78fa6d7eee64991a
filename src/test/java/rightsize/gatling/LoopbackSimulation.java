package rightsize.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static rightsize.gatling.GenAi.genai;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import rightsize.run.RightsizeRun;

/**
 * The simulation GatlingRunTest forks: one user per case (streams, 429, 500, disconnect, stalls, a
 * server echoing the key in an error and in a stream) asks "chat" inside group "turn" (and "more"
 * there when "chat" succeeded, through exitBlockOnFail), then a follow-up that carries the first
 * answer in its history.
 */
public class LoopbackSimulation extends Simulation {
  static final List<String> CASES =
      List.of("stream", "stream", "stream", "stream", "throttle", "error500", "disconnect", "stall", "slow", "echo", "echo-stream");

  {
    Iterator<Map<String, Object>> cases = CASES.stream().map(c -> Map.<String, Object>of("case", c, "max", 16)).iterator();
    ScenarioBuilder scn =
        scenario("loopback")
            // Let the engine finish starting before the measured requests (a cold start competes for the CPU).
            .pause(Duration.ofMillis(300))
            .exec(s -> s.set(GenAi.STEP, CASES.size() + " users").set(GenAi.LOAD, CASES.size()))
            .feed(cases)
            .group("turn").on(exitBlockOnFail().on(
                exec(genai.chat("chat").prompt("#{case}").maxTokens("#{max}").saveAnswerAs("answer")),
                // Sent only when "chat" succeeded: the action honours Gatling's block exits.
                exec(genai.chat("more").prompt("more"))))
            .exec(s -> s.set("history", List.of(
                Map.of("role", "user", "content", s.getString("case")),
                Map.of("role", "assistant", "content", s.getString("answer")),
                Map.of("role", "user", "content", "And then?"))))
            .exec(genai.chat("followup").messages("#{history}"));

    long n = CASES.size();
    setUp(scn.injectOpen(atOnceUsers(CASES.size())))
        .protocols(genai.deployment("loopback"))
        .assertions(
            details("turn", "chat").allRequests().count().is(n),
            details("turn", "chat · ttft").allRequests().count().is(n),
            details("turn", "more").allRequests().count().is(4L),
            details("followup").allRequests().count().is(n),
            details("followup").failedRequests().count().is(0L));
  }

  @Override
  public void after() {
    RightsizeRun run = RightsizeRun.current();
    System.out.println("rightsize-accounting started=" + run.started() + " recorded=" + run.recorded());
    run.close();
  }
}
