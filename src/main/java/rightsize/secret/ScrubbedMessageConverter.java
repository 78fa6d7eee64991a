package rightsize.secret;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} with every secret masked: the logging configurations declare it as the
 * {@code msg} conversion word, so no log line, whoever logs it, carries a key or token.
 */
public final class ScrubbedMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Secret.redact(super.convert(event));
  }
}
