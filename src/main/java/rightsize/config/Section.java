package rightsize.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Typed reads from one block of the config that never throw: a missing or ill-typed key adds one
 * problem line naming the full key, what is wrong and what to do, and the read returns null.
 *
 * <p>Fixes say where the value came from (a file and line, a -D property, an environment
 * variable) when Typesafe Config knows it; a value left at its reference.conf default is fixed
 * where the block itself was written, or in application.conf.
 */
final class Section {
  private static final String DEFAULT_HOME = "application.conf";

  private final Config config;
  private final String prefix;
  private final String subject;
  private final String home;
  private final List<String> problems;
  // A block that is missing or not an object was reported once; reads in it stay quiet.
  private final boolean silent;

  private Section(Config config, String prefix, String subject, String home, List<String> problems, boolean silent) {
    this.config = config;
    this.prefix = prefix;
    this.subject = subject;
    this.home = home;
    this.problems = problems;
    this.silent = silent;
  }

  /** The {@code rightsize} block of {@code root}, collecting problems into {@code problems}. */
  static Section root(Config root, List<String> problems) {
    return new Section(root.getConfig("rightsize"), "rightsize", "", DEFAULT_HOME, problems, false);
  }

  /** The full key of {@code key} in this block. */
  String key(String key) {
    return prefix + "." + key;
  }

  /** Adds "{prefix}.{key} {issue}: {fix}". */
  void problem(String key, String issue, String fix) {
    if (!silent) {
      problems.add(key(key) + " " + issue + ": " + fix);
    }
  }

  /** Adds "{fullKey} {issue}: {fix}" for a key named in full (e.g. one no setting reads). */
  void problemAt(String fullKey, String issue, String fix) {
    if (!silent) {
      problems.add(fullKey + " " + issue + ": " + fix);
    }
  }

  /** How many problems all sections found so far; compare with {@link #failedSince}. */
  int mark() {
    return problems.size();
  }

  /** True when a problem was found after {@code mark} (or this block was already reported). */
  boolean failedSince(int mark) {
    return silent || problems.size() > mark;
  }

  /** Where to fix {@code key}: e.g. "for deployment 'x' in application.conf: 12" or "in a -D system property". */
  String where(String key) {
    String origin = null;
    try {
      if (config.hasPath(key)) {
        origin = describe(config.getValue(key).origin());
      }
    } catch (ConfigException e) {
      // A parent of the key is not an object; the block's own place is the best guess.
    }
    return (subject.isEmpty() ? "" : subject + " ") + "in " + (origin == null ? home : origin);
  }

  /** Where to fix the full key {@code fullKey} of the root block: e.g. "in sweep.conf: 3". */
  String whereFull(String fullKey) {
    String prefixDot = prefix + ".";
    return where(fullKey.startsWith(prefixDot) ? fullKey.substring(prefixDot.length()) : fullKey);
  }

  /** Who the block belongs to, e.g. "for deployment 'x'", or "" for a top-level block. */
  String subject() {
    return subject;
  }

  /** The same block, naming {@code newSubject} in its fixes. */
  Section about(String newSubject) {
    return new Section(config, prefix, newSubject, home, problems, silent);
  }

  /** {@code name} as one path element, quoted when it holds dots or other special characters. */
  static String path(String name) {
    return ConfigUtil.joinPath(name);
  }

  boolean has(String key) {
    try {
      return config.hasPath(key);
    } catch (ConfigException e) {
      return false;
    }
  }

  /** True when {@code key} holds an object (rather than a single value). */
  boolean isObject(String key) {
    return has(key) && config.getValue(key).valueType() == ConfigValueType.OBJECT;
  }

  /** The keys directly in this block, sorted. */
  Set<String> keys() {
    return new TreeSet<>(config.root().keySet());
  }

  /** The block at {@code key}; a missing one or one that is not an object is reported once. */
  Section child(String key) {
    if (!silent) {
      ConfigValue v = has(key) ? config.getValue(key) : null;
      if (v != null && v.valueType() == ConfigValueType.OBJECT) {
        // A key missing from a block the user wrote is fixed in that block.
        return new Section(((ConfigObject) v).toConfig(), key(key), subject, describeOrHome(v.origin()), problems, false);
      }
      problem(key, v == null ? "is missing" : "is " + render(v) + ", not a block",
          "write " + key + " { ... } " + where(key));
    }
    return new Section(ConfigFactory.empty(), key(key), subject, home, problems, true);
  }

  /**
   * The objects of the list at {@code key}, each a section {@code key[i]} whose fixes name where it
   * was written; an entry that is not an object is reported and left out.
   */
  List<Section> objects(String key, String example) {
    List<Section> out = new ArrayList<>();
    if (silent) {
      return out;
    }
    if (!has(key) || config.getValue(key).valueType() != ConfigValueType.LIST) {
      problem(key, "is not a list", "write " + key + " = [ " + example + " ] " + where(key));
      return out;
    }
    List<? extends ConfigValue> entries = config.getList(key);
    for (int i = 0; i < entries.size(); i++) {
      ConfigValue entry = entries.get(i);
      String entryHome = describeOrHome(entry.origin());
      String entryKey = key(key) + "[" + i + "]";
      if (entry.valueType() != ConfigValueType.OBJECT) {
        problems.add(entryKey + " is not an object: write it as " + example + " in " + entryHome);
        continue;
      }
      out.add(new Section(((ConfigObject) entry).toConfig(), entryKey, subject, entryHome, problems, false));
    }
    return out;
  }

  /** This block with {@code defaults} filling the keys it lacks (a deployment over deployment-defaults). */
  Section over(Section defaults) {
    return new Section(config.withFallback(defaults.config), prefix, subject, home, problems, silent || defaults.silent);
  }

  /** True when the list at {@code key} exists and is empty. */
  boolean isEmptyList(String key) {
    return has(key) && config.getValue(key).valueType() == ConfigValueType.LIST && config.getList(key).isEmpty();
  }

  /** The text of {@code key} when it holds a single value, else null; never a problem. */
  String peek(String key) {
    if (!has(key)) {
      return null;
    }
    ConfigValue v = config.getValue(key);
    return v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST ? null : String.valueOf(v.unwrapped()).trim();
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
      problem(key, "is missing", "set " + key + " " + where(key));
      return null;
    }
    return s;
  }

  /** One of {@code choices}, by name; {@code what} names the kind of value, e.g. "a workload kind". */
  String choice(String key, String what, List<String> choices) {
    String s = required(key);
    if (s != null && !choices.contains(s)) {
      problem(key, "'" + s + "' is not " + what, "use " + String.join(", ", choices) + " " + where(key));
      return null;
    }
    return s;
  }

  /** The constant of {@code type} whose config name the key holds; {@code what} as for the names. */
  <E extends Enum<E> & ConfigNamed> E choice(String key, String what, Class<E> type) {
    String name = choice(key, what, ConfigNamed.names(type));
    return name == null ? null : ConfigNamed.named(type, name);
  }

  Integer integer(String key) {
    return fitInt(key, longValue(key));
  }

  /** A whole number of at least {@code min}. */
  Integer integer(String key, int min) {
    return fitInt(key, longValue(key, min));
  }

  /** {@code n} as an int, or null after naming the problem when it does not fit one. */
  private Integer fitInt(String key, Long n) {
    if (n != null && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
      problem(key, "is " + n, "set a whole number " + (n > 0 ? "up to " + Integer.MAX_VALUE : "down to " + Integer.MIN_VALUE) + " " + where(key));
      return null;
    }
    return n == null ? null : n.intValue();
  }

  /** A whole number of at least {@code min}. */
  Long longValue(String key, long min) {
    Long n = longValue(key);
    if (n != null && n < min) {
      problem(key, "is " + n, "set a whole number >= " + min + " " + where(key));
      return null;
    }
    return n;
  }

  Long longValue(String key) {
    if (value(key, "a whole number") == null) {
      return null;
    }
    try {
      return config.getLong(key);
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

  /** A number from {@code min} to {@code max}, both included. */
  Double number(String key, double min, double max) {
    Double v = number(key);
    if (v != null && (v < min || v > max)) {
      problem(key, "is " + v + ", outside " + plain(min) + ".." + plain(max),
          "set a number between " + plain(min) + " and " + plain(max) + " " + where(key));
      return null;
    }
    return v;
  }

  /** A number >= 0. */
  Double nonNegative(String key) {
    Double v = number(key);
    if (v != null && v < 0) {
      problem(key, "is " + v, "set a number >= 0 " + where(key));
      return null;
    }
    return v;
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
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

  Duration duration(String key) {
    if (value(key, "a duration such as 30s") == null) {
      return null;
    }
    try {
      return config.getDuration(key);
    } catch (ConfigException e) {
      wrongType(key, config.getValue(key), "a duration such as 30s or 500ms");
      return null;
    }
  }

  /** A duration that is > 0, or >= 0 when {@code zeroAllowed}. */
  Duration duration(String key, boolean zeroAllowed) {
    Duration d = duration(key);
    if (d != null && (d.isNegative() || d.isZero() && !zeroAllowed)) {
      problem(key, "is " + config.getValue(key).unwrapped(),
          "set a duration " + (zeroAllowed ? ">= 0 such as 0s or 5s " : "> 0 such as 30s ") + where(key));
      return null;
    }
    return d;
  }

  /** A request timeout: a duration that must be > 0. */
  Duration timeout(String key) {
    Duration d = duration(key);
    if (d != null && (d.isZero() || d.isNegative())) {
      problem(key, "is " + config.getValue(key).unwrapped() + " but timeouts are always on", "set a duration > 0 such as 30s " + where(key));
      return null;
    }
    return d;
  }

  /** The block at {@code key} as plain values (strings, numbers, lists, maps), e.g. static JSON inputs. */
  Map<String, Object> object(String key) {
    ConfigValue v = value(key, "a block such as { name = value }");
    if (v == null) {
      return null;
    }
    if (v.valueType() != ConfigValueType.OBJECT) {
      wrongType(key, v, "a block such as { name = value }");
      return null;
    }
    return ((ConfigObject) v).unwrapped();
  }

  /** A list of names, written as a HOCON list or as a comma-separated string (handy with -D). */
  List<String> names(String key) {
    if (has(key) && config.getValue(key).valueType() == ConfigValueType.LIST) {
      try {
        return config.getStringList(key).stream().map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toList());
      } catch (ConfigException e) {
        problem(key, "is not a list of names", "write names separated by commas, e.g. \"Standard_F2s_v2,Standard_F4s_v2\"");
        return null;
      }
    }
    String v = string(key);
    if (v == null) {
      return null;
    }
    return Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toList());
  }

  /** A list of numbers, written as a HOCON list or as a comma-separated string ("1,10,50"). */
  List<Double> numbers(String key) {
    ConfigValue v = value(key, "numbers like [1, 10, 50]");
    if (v == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (v.valueType() == ConfigValueType.LIST) {
      for (ConfigValue item : config.getList(key)) {
        parts.add(String.valueOf(item.unwrapped()));
      }
    } else if (v.valueType() == ConfigValueType.OBJECT) {
      wrongType(key, v, "numbers like [1, 10, 50]");
      return null;
    } else {
      Arrays.stream(String.valueOf(v.unwrapped()).split(",")).filter(p -> !p.isBlank()).forEach(parts::add);
    }
    List<Double> out = new ArrayList<>();
    for (String part : parts) {
      try {
        out.add(Double.parseDouble(part.trim()));
      } catch (NumberFormatException e) {
        problem(key, "has \"" + part.trim() + "\", which is not a number",
            "write numbers like [1, 10, 50] or \"1,10,50\" " + where(key));
        return null;
      }
    }
    return out;
  }

  private ConfigValue value(String key, String expected) {
    if (silent) {
      return null;
    }
    try {
      if (!config.hasPathOrNull(key) || config.getIsNull(key)) {
        problem(key, "is missing", "set it to " + expected + " " + where(key));
        return null;
      }
      return config.getValue(key);
    } catch (ConfigException e) {
      // A parent of the key has the wrong type, e.g. timeouts = 5.
      problem(key, "cannot be read (" + e.getMessage() + ")", "set it to " + expected + " " + where(key));
      return null;
    }
  }

  private void wrongType(String key, ConfigValue v, String expected) {
    problem(key, "is " + render(v) + ", not " + expected, "set it to " + expected + " " + where(key));
  }

  private static String render(ConfigValue v) {
    return v.valueType() == ConfigValueType.STRING ? "'" + v.unwrapped() + "'" : v.render();
  }

  private String describeOrHome(ConfigOrigin origin) {
    String d = describe(origin);
    return d == null ? home : d;
  }

  /**
   * Where a value was written, for a fix: "application.conf: 12", "a -D system property", "an
   * environment variable"; null for a reference.conf default, which the user did not write.
   */
  static String describe(ConfigOrigin origin) {
    String description = origin.description();
    String line = origin.lineNumber() > 0 ? ": " + origin.lineNumber() : "";
    if ("reference.conf".equals(origin.resource())) {
      return null;
    }
    if (description.startsWith("env variables")) {
      return "an environment variable";
    }
    if (description.startsWith("system properties")) {
      return "a -D system property";
    }
    if (origin.filename() != null) {
      return origin.filename() + line;
    }
    if (origin.resource() != null) {
      return origin.resource() + " on the classpath" + line;
    }
    if (description.startsWith("merge of ")) {
      return null;
    }
    return description;
  }
}
