package rightsize.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The {@code rightsize.monitor} section: how the deployments' Azure Monitor metrics are read after a
 * run (docs/monitoring.md).
 *
 * @param enabled whether to read them at all (no telemetry.json when false)
 * @param publicationWait how long to wait after the run for Azure Monitor to publish
 * @param pollInterval how often to ask again meanwhile
 * @param grain the time grain asked for
 * @param endpoint Azure Resource Manager's base URL (another cloud's for sovereign clouds)
 */
public record MonitorSettings(boolean enabled, Duration publicationWait, Duration pollInterval, Duration grain, URI endpoint) {

  static MonitorSettings read(Section s) {
    int mark = s.mark();
    Boolean enabled = s.bool("enabled");
    Duration wait = s.duration("wait", true);
    Duration poll = s.duration("poll-interval", false);
    Duration grain = s.duration("grain", false);
    String endpoint = s.string("endpoint");
    URI uri = null;
    if (endpoint != null) {
      try {
        uri = new URI(endpoint.replaceAll("/+$", ""));
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
          s.problem("endpoint", "'" + endpoint + "' is not an https URL",
              "set Azure Resource Manager's URL, e.g. https://management.azure.com " + s.where("endpoint"));
        }
      } catch (URISyntaxException e) {
        s.problem("endpoint", "'" + endpoint + "' is not a URL (" + e.getReason() + ")",
            "set Azure Resource Manager's URL, e.g. https://management.azure.com " + s.where("endpoint"));
      }
    }
    return s.failedSince(mark) ? null : new MonitorSettings(enabled, wait, poll, grain, uri);
  }
}
