package rightsize.gatling;

import rightsize.config.RequestDefaults;
import rightsize.config.Timeouts;

/**
 * The request parameters a genai protocol applies to every chat request unless the request sets
 * its own.
 */
record ChatDefaults(int maxTokens, double temperature, boolean stream, boolean includeUsage, String encoding, Timeouts timeouts) {

  static ChatDefaults of(RequestDefaults r) {
    return new ChatDefaults(r.maxTokens(), r.temperature(), r.stream(), r.includeUsage(), r.encoding(), r.timeouts());
  }
}
