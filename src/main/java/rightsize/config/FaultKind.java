package rightsize.config;

/** A failure the emulator can inject into a response, by its name in config and in the x-rightsize-fault header. */
public enum FaultKind implements ConfigNamed {
  /** 500 InternalServerError instead of an answer. */
  HTTP_500("http-500"),
  /** 503 ServiceUnavailable instead of an answer. */
  HTTP_503("http-503"),
  /** Azure ML 424 model error (the model container failed) instead of an answer. */
  HTTP_424("http-424"),
  /** The connection is reset (TCP RST) after some chunks. */
  RESET("reset"),
  /** No bytes for a while after some chunks, then the stream carries on. */
  STALL("stall"),
  /** One chunk's JSON is cut short, then the stream carries on. */
  MALFORMED_CHUNK("malformed-chunk"),
  /** The connection is closed cleanly after some chunks, without the end of the stream or [DONE]. */
  TRUNCATE("truncate");

  private final String configName;

  FaultKind(String configName) {
    this.configName = configName;
  }

  /** The name used in config and in the x-rightsize-fault header. */
  @Override
  public String configName() {
    return configName;
  }

  /** The kind named {@code name} in config or header. */
  public static FaultKind fromConfigName(String name) {
    FaultKind kind = ConfigNamed.named(FaultKind.class, name.trim());
    if (kind == null) {
      throw new IllegalArgumentException("unknown emulator fault '" + name + "': use " + String.join(", ", ConfigNamed.names(FaultKind.class)));
    }
    return kind;
  }

  /** Whether this fault replaces the whole answer with an error status. */
  public boolean isHttpError() {
    return this == HTTP_500 || this == HTTP_503 || this == HTTP_424;
  }
}
