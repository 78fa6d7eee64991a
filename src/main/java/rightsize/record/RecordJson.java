package rightsize.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/** The one JSON mapping of {@link RequestRecord} and {@link RunEvent} lines, shared by the writer and the reader. */
final class RecordJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          // Newer writers may add fields; old readers must still read the line.
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  static final ObjectWriter WRITER = MAPPER.writerFor(RequestRecord.class);
  static final ObjectReader READER = MAPPER.readerFor(RequestRecord.class);
  static final ObjectWriter EVENT_WRITER = MAPPER.writerFor(RunEvent.class);
  static final ObjectReader EVENT_READER = MAPPER.readerFor(RunEvent.class);

  private RecordJson() {}
}
