package rightsize.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds keys under {@code rightsize} that no setting reads, so a typo ({@code rightsize.populaton})
 * stops the run instead of being ignored while the defaults put real load on a real target.
 *
 * <p>The known keys are reference.conf's, with these shapes: each {@code deployments} entry has
 * the keys of {@code deployment-defaults} (plus {@code monitor} and an emulated deployment's own
 * pay-per-token rates and vCPUs); each profile under {@code emulator.profiles} and {@code
 * emulator.app-profiles} the keys of the bundled ones;
 * each fault rule and each distribution block its documented keys; a population model may also
 * have a fixed {@code hold}. {@code headers} and {@code promptflow.extra-inputs}
 * are free-form.
 */
final class UnknownKeys {
  // Keys a deployment may have that deployment-defaults does not spell out.
  private static final String DEPLOYMENT_EXTRAS = "name = \"\"\nmonitor { resource-id = \"\", deployment = \"\", metrics = [] }\n"
      + "emulator { tokens-per-minute = 0, requests-per-minute = 0, window = 0, prefill-tokens-per-second = 0,"
      + " decode-tokens-per-second = 0, first-token-overhead-ms = 0, vcpus = 0 }";
  // Keys reference.conf leaves unset because setting them changes a default's meaning: a fixed hold wins over min-hold and max-hold.
  private static final String OPTIONAL = "population { closed { hold = 0s }, open { hold = 0s } }";
  private static final Set<String> FAULT_RULE = Set.of("kind", "rate", "every-nth", "after-chunks", "stall", "deployments");
  // Blocks whose keys are the user's own: extra headers, a prompt flow's static extra inputs.
  private static final Set<String> FREE_FORM = Set.of("headers", "extra-inputs");
  private static final Set<String> DISTRIBUTION = Set.of("distribution", "value", "min", "max", "mean", "stddev");

  private final ConfigObject deploymentSchema;
  private final ConfigObject emulator;
  private final Section root;

  private UnknownKeys(ConfigObject reference, Section root) {
    ConfigObject defaults = (ConfigObject) reference.get("deployment-defaults");
    this.deploymentSchema = ConfigFactory.parseString(DEPLOYMENT_EXTRAS).root().withFallback(defaults);
    this.emulator = (ConfigObject) reference.get("emulator");
    this.root = root;
  }

  /** The keys of each entry of the emulator's named map {@code map} (profiles, app-profiles): those of its first bundled one. */
  private ConfigObject entrySchema(String map) {
    return (ConfigObject) ((ConfigObject) emulator.get(map)).values().iterator().next();
  }

  /** Reports every key of {@code user} (the merged {@code rightsize} block) that {@code reference} (reference.conf's) does not know. */
  static void check(ConfigObject user, ConfigObject reference, Section root) {
    ConfigObject schema = ConfigFactory.parseString(OPTIONAL).root().withFallback(reference);
    new UnknownKeys(schema, root).object(user, schema, "rightsize");
  }

  private void object(ConfigObject user, ConfigObject schema, String path) {
    for (var entry : user.entrySet()) {
      String key = entry.getKey();
      String full = path + "." + Section.path(key);
      ConfigValue value = entry.getValue();
      ConfigValue known = schema.get(key);
      if (known == null) {
        unknown(full, key, schema.keySet(), value);
        continue;
      }
      if (value.valueType() != ConfigValueType.OBJECT && value.valueType() != ConfigValueType.LIST) {
        continue;
      }
      switch (full) {
        case "rightsize.deployments" -> objects(value, deploymentSchema, full);
        case "rightsize.deployment-defaults" -> object((ConfigObject) value, deploymentSchema, full);
        case "rightsize.emulator.faults.rules" -> objects(value, keys(FAULT_RULE), full);
        case "rightsize.emulator.profiles", "rightsize.emulator.app-profiles" -> {
          ConfigObject each = entrySchema(key);
          for (var profile : ((ConfigObject) value).entrySet()) {
            if (profile.getValue().valueType() == ConfigValueType.OBJECT) {
              object((ConfigObject) profile.getValue(), each, full + "." + Section.path(profile.getKey()));
            }
          }
        }
        case "rightsize.workload.synthetic.input-tokens", "rightsize.workload.synthetic.max-tokens" -> {
          if (value.valueType() == ConfigValueType.OBJECT) {
            object((ConfigObject) value, keys(DISTRIBUTION), full);
          }
        }
        default -> {
          if (!FREE_FORM.contains(key) && value.valueType() == ConfigValueType.OBJECT && known.valueType() == ConfigValueType.OBJECT) {
            object((ConfigObject) value, (ConfigObject) known, full);
          }
        }
      }
    }
  }

  private void objects(ConfigValue list, ConfigObject schema, String path) {
    if (list.valueType() != ConfigValueType.LIST) {
      return;
    }
    List<?> entries = (List<?>) list;
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) instanceof ConfigObject o) {
        object(o, schema, path + "[" + i + "]");
      }
    }
  }

  private void unknown(String full, String key, Set<String> siblings, ConfigValue value) {
    String origin = Section.describe(value.origin());
    String closest = siblings.stream().min(Comparator.comparingInt(s -> distance(s, key))).orElse(null);
    String parent = full.substring(0, full.length() - Section.path(key).length());
    String hint = closest != null && distance(closest, key) <= Math.max(2, key.length() / 3)
        ? "did you mean " + parent + closest + "? rename or remove it"
        : "remove it (known here: " + String.join(", ", siblings.stream().sorted().toList()) + ")";
    root.problemAt(full, "is not a known setting", hint + " in " + (origin == null ? "application.conf" : origin));
  }

  private static ConfigObject keys(Set<String> names) {
    return ConfigFactory.parseMap(names.stream().collect(java.util.stream.Collectors.toMap(n -> "\"" + n + "\"", n -> ""))).root();
  }

  /** Levenshtein distance: how many single-character edits turn {@code a} into {@code b}. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
