package rightsize.secret;

import ch.qos.logback.classic.pattern.RootCauseFirstThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Logback's {@code %rEx} (stack traces, root cause first) with every secret masked: an exception's
 * message can quote what a server sent.
 */
public final class ScrubbedThrowableConverter extends RootCauseFirstThrowableProxyConverter {
  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return Secret.redact(super.throwableProxyToString(proxy));
  }
}
