package rightsize.emulator.fault;

import rightsize.config.FaultKind;

/**
 * A fault to apply to one response.
 *
 * @param kind what goes wrong
 * @param afterChunks content chunks sent normally before a mid-stream fault strikes (reset, stall,
 *     malformed-chunk, truncate); for a non-streaming answer the fault strikes when the body is due
 * @param stallMillis how long a stall lasts
 */
public record Fault(FaultKind kind, int afterChunks, long stallMillis) {

  /**
   * Parses the {@code x-rightsize-fault} request header: {@code kind[; after-chunks=N][;
   * stall-ms=N]}, e.g. {@code stall; after-chunks=2; stall-ms=1500}.
   */
  public static Fault parseHeader(String header) {
    String[] parts = header.split(";");
    FaultKind kind = FaultKind.fromConfigName(parts[0]);
    int afterChunks = 1;
    long stallMillis = 5000;
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      String key = kv[0].trim();
      String value = kv.length > 1 ? kv[1].trim() : "";
      try {
        switch (key) {
          case "after-chunks" -> afterChunks = Integer.parseInt(value);
          case "stall-ms" -> stallMillis = Long.parseLong(value);
          default -> throw new IllegalArgumentException(
              "x-rightsize-fault: unknown parameter '" + key + "': use after-chunks or stall-ms");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "x-rightsize-fault: '" + key + "' needs a whole number, got '" + value + "'");
      }
    }
    return new Fault(kind, afterChunks, stallMillis);
  }
}
