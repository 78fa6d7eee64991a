package rightsize.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.List;

/**
 * Typed reads from one block of the config that never throw: a missing or ill-typed key adds one
 * problem line naming the full key and what to do, and the read returns null.
 */
final class Section {
  private final Config config;
  private final String prefix;
  private final String where;
  private final List<String> problems;

  /**
   * @param prefix the full key of this block, e.g. "rightsize.deployments[1]"
   * @param where where a user fixes it, e.g. "for deployment 'prod-f4' in application.conf"
   */
  Section(Config config, String prefix, String where, List<String> problems) {
    this.config = config;
    this.prefix = prefix;
    this.where = where;
    this.problems = problems;
  }

  Config config() {
    return config;
  }

  String key(String key) {
    return prefix + "." + key;
  }

  /** Adds "{prefix}.{key} {issue}: {fix}". */
  void problem(String key, String issue, String fix) {
    problems.add(key(key) + " " + issue + ": " + fix);
  }

  String where() {
    return where;
  }

  String string(String key) {
    ConfigValue v = value(key, "a string");
    if (v == null) {
      return null;
    }
    if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
      wrongType(key, v, "a string");
      return null;
    }
    return String.valueOf(v.unwrapped()).trim();
  }

  /** A string that must not be empty. */
  String required(String key) {
    String s = string(key);
    if (s != null && s.isEmpty()) {
      problem(key, "is missing", "set " + key + " " + where);
      return null;
    }
    return s;
  }

  Integer integer(String key) {
    if (value(key, "a whole number") == null) {
      return null;
    }
    try {
      return config.getInt(key);
    } catch (ConfigException e) {
      wrongType(key, config.getValue(key), "a whole number");
      return null;
    }
  }

  Double number(String key) {
    if (value(key, "a number") == null) {
      return null;
    }
    try {
      return config.getDouble(key);
    } catch (ConfigException e) {
      wrongType(key, config.getValue(key), "a number");
      return null;
    }
  }

  Boolean bool(String key) {
    if (value(key, "true or false") == null) {
      return null;
    }
    try {
      return config.getBoolean(key);
    } catch (ConfigException e) {
      wrongType(key, config.getValue(key), "true or false");
      return null;
    }
  }

  /** A duration that must be > 0. */
  Duration positiveDuration(String key) {
    if (value(key, "a duration such as 30s") == null) {
      return null;
    }
    Duration d;
    try {
      d = config.getDuration(key);
    } catch (ConfigException e) {
      wrongType(key, config.getValue(key), "a duration such as 30s or 500ms");
      return null;
    }
    if (d.isZero() || d.isNegative()) {
      problem(key, "is " + config.getValue(key).unwrapped() + " but timeouts are always on", "set a duration > 0 such as 30s " + where);
      return null;
    }
    return d;
  }

  private ConfigValue value(String key, String expected) {
    try {
      if (!config.hasPathOrNull(key) || config.getIsNull(key)) {
        problem(key, "is missing", "set it to " + expected + " " + where);
        return null;
      }
      return config.getValue(key);
    } catch (ConfigException e) {
      // A parent of the key has the wrong type, e.g. timeouts = 5.
      problem(key, "cannot be read (" + e.getMessage() + ")", "set it to " + expected + " " + where);
      return null;
    }
  }

  private void wrongType(String key, ConfigValue v, String expected) {
    problem(key, "is " + render(v) + ", not " + expected, "set it to " + expected + " " + where);
  }

  private static String render(ConfigValue v) {
    return v.valueType() == ConfigValueType.STRING ? "'" + v.unwrapped() + "'" : v.render();
  }
}
