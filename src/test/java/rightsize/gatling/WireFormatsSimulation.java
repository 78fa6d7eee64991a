package rightsize.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static rightsize.gatling.GenAi.genai;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rightsize.run.RightsizeRun;

/**
 * The simulation WireFormatsRunTest runs: every configured deployment (one per wire format), asked
 * for streamed and for JSON answers, three turns a user, each turn carrying the conversation so
 * far. The request name says the format and whether a stream was asked for.
 */
public class WireFormatsSimulation extends Simulation {
  /** Users per deployment and stream choice. */
  static final int USERS = 2;
  /** Turns per user. */
  static final int TURNS = 3;

  {
    List<PopulationBuilder> populations = new ArrayList<>();
    for (var d : RightsizeRun.current().settings().deployments()) {
      for (boolean stream : List.of(true, false)) {
        String name = d.name() + (stream ? "-stream" : "-json");
        ScenarioBuilder scn = scenario(name)
            .pause(Duration.ofMillis(300))
            .exec(s -> s.set(GenAi.STEP, USERS + " users").set(GenAi.LOAD, USERS).set("tenant", "t-\"1\"")
                .set("history", List.of(Map.of("role", "system", "content", "You are terse."))))
            .repeat(TURNS).on(exec(s -> s.set("history", append(s.getList("history"), "user", "Turn " + s.userId() + " of \"sizing\", déjà vu?\nGo.")))
                .exec(genai.chat(name).messages("#{history}").maxTokens(12).saveAnswerAs("answer"))
                .exec(s -> s.set("history", append(s.getList("history"), "assistant", s.getString("answer")))));
        populations.add(scn.injectOpen(atOnceUsers(USERS)).protocols(genai.deployment(d).stream(stream)));
      }
    }
    setUp(populations);
  }

  private static List<Map<String, Object>> append(List<Object> history, String role, String content) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object m : history) {
      @SuppressWarnings("unchecked")
      Map<String, Object> message = (Map<String, Object>) m;
      out.add(message);
    }
    out.add(Map.of("role", role, "content", content));
    return out;
  }

  @Override
  public void after() {
    RightsizeRun.current().close();
  }
}
