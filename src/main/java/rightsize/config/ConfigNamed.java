package rightsize.config;

/** A value with one name in configuration, e.g. a wire format called "openai-chat". */
public interface ConfigNamed {
  /** The name used in configuration. */
  String configName();
}
