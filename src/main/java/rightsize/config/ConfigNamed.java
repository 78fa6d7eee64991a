package rightsize.config;

import java.util.Arrays;
import java.util.List;

/** A value with one name in configuration, e.g. a wire format called "openai-chat". */
public interface ConfigNamed {
  /** The name used in configuration. */
  String configName();

  /** The config names of {@code type}'s constants, in declaration order. */
  static <E extends Enum<E> & ConfigNamed> List<String> names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(ConfigNamed::configName).toList();
  }

  /** The constant of {@code type} called {@code name}, or null when none is. */
  static <E extends Enum<E> & ConfigNamed> E named(Class<E> type, String name) {
    return Arrays.stream(type.getEnumConstants()).filter(c -> c.configName().equals(name)).findFirst().orElse(null);
  }
}
