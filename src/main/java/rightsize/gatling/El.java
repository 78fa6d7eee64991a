package rightsize.gatling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.commons.validation.Failure;
import io.gatling.commons.validation.Success;
import io.gatling.commons.validation.Validation;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.internal.Expressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import scala.Function1;
import scala.jdk.javaapi.CollectionConverters;

/** Gatling Expression Language strings turned into typed functions of the session, with one-line errors. */
final class El {
  private static final ObjectMapper JSON = new ObjectMapper();

  private El() {}

  /** Evaluates {@code el} against a session; throws with Gatling's message when it does not resolve. */
  static Function<Session, Object> any(String el) {
    Function1<io.gatling.core.session.Session, Validation<Object>> expr = Expressions.toAnyExpression(el);
    return session -> {
      Validation<Object> v = expr.apply(session.asScala());
      if (v instanceof Success) {
        return ((Success<Object>) v).value();
      }
      throw new IllegalArgumentException("'" + el + "': " + ((Failure) (Object) v).message());
    };
  }

  /** Evaluates {@code el} to a string. */
  static Function<Session, String> string(String el) {
    Function<Session, Object> f = any(el);
    return session -> String.valueOf(f.apply(session));
  }

  /** Evaluates {@code el} to a positive whole number (a number or a numeric string). */
  static Function<Session, Integer> positiveInt(String el) {
    Function<Session, Object> f = any(el);
    return session -> {
      Object v = f.apply(session);
      int n;
      if (v instanceof Number) {
        n = ((Number) v).intValue();
      } else {
        try {
          n = (int) Math.round(Double.parseDouble(String.valueOf(v).trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + el + "' is '" + v + "', not a number");
        }
      }
      if (n <= 0) {
        throw new IllegalArgumentException("'" + el + "' is " + n + ", but it must be > 0");
      }
      return n;
    };
  }

  /**
   * Reads chat messages from a session value: a java.util.List or Scala Seq of maps, or a JSON array
   * string, each message having at least "role" and "content".
   */
  static List<Map<String, Object>> messages(Object value, String what) {
    Object v = value;
    if (v instanceof String) {
      try {
        v = JSON.readValue((String) v, new TypeReference<List<Map<String, Object>>>() {});
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(what + " is a string but not a JSON array of messages: " + e.getOriginalMessage());
      }
    }
    if (v instanceof scala.collection.Seq) {
      v = CollectionConverters.asJava((scala.collection.Seq<?>) v);
    }
    if (!(v instanceof List)) {
      throw new IllegalArgumentException(what + " is a " + (v == null ? "null" : v.getClass().getSimpleName()) + ", not a list of messages");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object m : (List<?>) v) {
      if (m instanceof scala.collection.Map) {
        m = CollectionConverters.asJava((scala.collection.Map<?, ?>) m);
      }
      if (!(m instanceof Map) || !((Map<?, ?>) m).containsKey("role")) {
        throw new IllegalArgumentException(what + " holds " + m + ", not a message with a role and content");
      }
      Map<String, Object> msg = new LinkedHashMap<>();
      ((Map<?, ?>) m).forEach((k, x) -> msg.put(String.valueOf(k), x));
      out.add(msg);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(what + " is an empty list of messages");
    }
    return out;
  }
}
