package rightsize.gatling;

import com.typesafe.scalalogging.Logger;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.action.Action;
import io.gatling.core.action.BlockExit$;
import io.gatling.core.action.BlockExit;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.LoggerFactory;
import rightsize.chat.ChatOutcome;
import rightsize.chat.OutcomeMetrics;
import rightsize.client.ChatRequest;
import rightsize.client.ChatResult;
import rightsize.config.DeploymentSettings;
import rightsize.config.RequestDefaults;
import rightsize.endpoint.ChatParams;
import rightsize.metrics.RequestMetrics;
import rightsize.record.LoadUnit;
import rightsize.record.RequestRecord;
import rightsize.record.Status;
import rightsize.secret.Secret;
import scala.Option;

/**
 * Sends one chat request for a virtual user without blocking, then, on the user's event loop,
 * writes its record, logs the {@code <name>} and {@code <name> · ttft} rows and hands the user on.
 */
final class ChatAction implements Action {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ChatAction.class);
  private static final ChatOutcome NOTHING = new ChatOutcome(List.of(), -1, false, "", null, null, false, null, 0);

  private final ChatActionBuilder spec;
  private final GenAiComponents components;
  private final Action next;
  private final StatsEngine stats;
  private final String ttftName;
  private Logger logger = Logger.apply(ChatAction.class);

  ChatAction(ChatActionBuilder spec, GenAiComponents components, Action next) {
    this.spec = spec;
    this.components = components;
    this.next = next;
    this.stats = components.core.statsEngine();
    this.ttftName = spec.name + RequestRecord.TTFT_ROW_SUFFIX;
  }

  @Override
  public String name() {
    return spec.name;
  }

  @Override
  public void execute(Session session) {
    // As Gatling's own request actions do (ExitableAction): leave a failed tryMax block or an
    // exit-ASAP loop whose condition no longer holds instead of sending another request.
    Option<BlockExit> exit = BlockExit$.MODULE$.mustExit(session);
    if (exit.isDefined()) {
      exit.get().exitBlock(stats, components.core.clock().nowMillis());
      return;
    }
    io.gatling.javaapi.core.Session javaSession = new io.gatling.javaapi.core.Session(session);
    RequestDefaults d = components.protocol.defaults;
    ChatParams params;
    ChatRequest request;
    try {
      List<Map<String, Object>> messages = spec.messages.apply(javaSession);
      int maxTokens = spec.maxTokens == null ? d.maxTokens() : spec.maxTokens.apply(javaSession);
      params = ChatParams.of(messages, maxTokens, d, sessionFields(javaSession));
      request = components.endpoint.request(params, d.timeouts());
    } catch (RuntimeException e) {
      // Not a request: nothing was sent. Gatling counts it as a crash of the request.
      String error = Secret.redact(String.valueOf(e.getMessage()));
      LOG.error("genai.chat(\"{}\") could not be built: {}", spec.name, error);
      stats.logRequestCrash(session.scenario(), session.groups(), spec.name, error);
      next.$bang(session.markAsFailed());
      return;
    }
    Tags tags = Tags.of(javaSession);
    components.run.requestStarted();
    components.client.execute(request, result -> handBack(session, request, tags, result));
  }

  /** Runs on a client I/O thread: moves the finish to the user's event loop, or records only if Gatling has stopped. */
  private void handBack(Session session, ChatRequest request, Tags tags, ChatResult result) {
    EventLoop loop = session.eventLoop();
    if (!loop.isShuttingDown()) {
      try {
        loop.execute(() -> finish(session, request, tags, result));
        return;
      } catch (RejectedExecutionException stopped) {
        // Gatling stopped between the check and the hand-over.
      }
    }
    record(session, request, tags, result);
  }

  private void finish(Session session, ChatRequest request, Tags tags, ChatResult result) {
    Session out = session;
    try {
      RequestRecord r = record(session, request, tags, result);
      long startMs = r.startEpochMicros() / 1000;
      long endMs = startMs + Math.round(r.e2eMs());
      long ttftEndMs = startMs + Math.round(r.ttftMs() != null ? r.ttftMs() : r.e2eMs());
      boolean ok = r.status().isOk();
      Option<String> code = r.httpStatus() == null ? Option.empty() : Option.apply(String.valueOf(r.httpStatus()));
      Option<String> message = ok ? Option.empty() : Option.apply(koMessage(r));
      stats.logResponse(session.scenario(), session.groups(), spec.name, startMs, endMs, ok ? OK$.MODULE$ : KO$.MODULE$, code, message);
      // The ttft row succeeds whenever first content arrived: the time to it was measured even if the stream failed later.
      // An answer that came as one JSON body has no ttft, and no row that would show its e2e as one.
      boolean ttftOk = r.ttftMs() != null;
      if (!r.notStreamed()) {
        stats.logResponse(session.scenario(), session.groups(), ttftName, startMs, ttftEndMs, ttftOk ? OK$.MODULE$ : KO$.MODULE$, code, ttftOk ? Option.empty() : message);
      }
      out = session.logGroupRequestTimings(startMs, endMs);
      if (!ok) {
        out = out.markAsFailed();
      }
      if (spec.answerKey != null) {
        out = out.set(spec.answerKey, result.outcome() == null ? "" : result.outcome().text());
      }
    } catch (RuntimeException e) {
      LOG.error("genai.chat(\"{}\") failed to finish request {}", spec.name, result.requestId(), e);
      out = session.markAsFailed();
    }
    // Always hand the user on, or it would wait forever.
    next.$bang(out);
  }

  /** Builds, writes and returns the request's record. */
  private RequestRecord record(Session session, ChatRequest request, Tags tags, ChatResult result) {
    ChatOutcome outcome = result.outcome() == null ? NOTHING : result.outcome();
    RequestMetrics m = OutcomeMetrics.of(result.startNanos(), result.endNanos(), outcome, request.promptText(), components.tokens);
    DeploymentSettings dep = components.protocol.deployment;
    RequestRecord r =
        new RequestRecord(
            components.run.id(),
            components.run.settings().run().injector(),
            session.scenario(),
            dep.name(),
            dep.kind().configName(),
            dep.vmSize().isEmpty() ? null : dep.vmSize(),
            tags.step,
            tags.load,
            tags.unit,
            tags.warmup,
            spec.name,
            result.requestId(),
            result.startEpochMicros(),
            m.firstReasoningMs(),
            m.ttftMs(),
            m.e2eMs(),
            m.itl(),
            m.tokens(),
            outcome.finishReason(),
            result.status(),
            result.httpStatus(),
            result.errorCode(),
            result.message(),
            result.rateLimit(),
            result.outcome() == null ? null : result.outcome().streamed());
    try {
      components.run.record(r);
    } catch (IllegalStateException closed) {
      LOG.warn("request {} ended after run {} was closed; its record is lost", result.requestId(), components.run.id());
    }
    return r;
  }

  /**
   * The KO message: the status, then the HTTP status and service error code when known. Few distinct
   * values, so Gatling's error table stays readable. Every KO message is built here and scrubbed here,
   * since it reaches simulation.log, Gatling's HTML pages and the console.
   */
  static String koMessage(RequestRecord r) {
    StringBuilder sb = new StringBuilder(r.status().wireName());
    if (r.httpStatus() != null) {
      sb.append(' ').append(r.httpStatus());
    }
    if (r.errorCode() != null) {
      sb.append(' ').append(r.errorCode());
    }
    return Secret.redact(sb.toString());
  }

  /** The session values the deployment's body template names; a missing one is left for the endpoint to report. */
  private Map<String, Object> sessionFields(io.gatling.javaapi.core.Session s) {
    Map<String, Object> fields = new java.util.HashMap<>();
    for (String name : components.endpoint.sessionFields()) {
      if (s.contains(name)) {
        fields.put(name, s.get(name));
      }
    }
    return fields;
  }

  /** The population step and load a request was made at, read from the session. */
  private static final class Tags {
    final String step;
    final double load;
    final LoadUnit unit;
    final boolean warmup;

    private Tags(String step, double load, LoadUnit unit, boolean warmup) {
      this.step = step;
      this.load = load;
      this.unit = unit;
      this.warmup = warmup;
    }

    static Tags of(io.gatling.javaapi.core.Session s) {
      Object step = s.contains(GenAi.STEP) ? s.get(GenAi.STEP) : null;
      Object load = s.contains(GenAi.LOAD) ? s.get(GenAi.LOAD) : null;
      Object unit = s.contains(GenAi.LOAD_UNIT) ? s.get(GenAi.LOAD_UNIT) : null;
      Object warmup = s.contains(GenAi.WARMUP) ? s.get(GenAi.WARMUP) : null;
      double l = 0;
      if (load instanceof Number) {
        l = ((Number) load).doubleValue();
      } else if (load != null) {
        try {
          l = Double.parseDouble(load.toString());
        } catch (NumberFormatException ignored) {
          // A non-numeric load tag is a simulation bug; the record keeps 0 rather than losing the request.
        }
      }
      boolean w = warmup != null && Boolean.parseBoolean(warmup.toString());
      return new Tags(step == null ? null : step.toString(), l, unit(unit), w);
    }

    private static LoadUnit unit(Object tag) {
      if (tag instanceof LoadUnit) {
        return (LoadUnit) tag;
      }
      try {
        return tag == null ? LoadUnit.USERS : LoadUnit.fromLabel(tag.toString());
      } catch (IllegalArgumentException unknown) {
        // Like a non-numeric load: a simulation bug that must not lose the request's record.
        return LoadUnit.USERS;
      }
    }
  }

  @Override
  public Logger logger() {
    return logger;
  }

  @Override
  public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {
    this.logger = logger;
  }
}
