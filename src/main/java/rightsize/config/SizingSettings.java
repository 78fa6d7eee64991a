package rightsize.config;

/**
 * The {@code rightsize.sizing} section: how the sweep over the deployments searches for capacity.
 *
 * @param capacitySearch stop a deployment's sweep once a step clearly breaks the SLO
 * @param minRequests a step breaking the SLO with fewer requests than this is inconclusive
 */
public record SizingSettings(boolean capacitySearch, long minRequests) {

  static SizingSettings read(Section s) {
    int mark = s.mark();
    Boolean search = s.bool("capacity-search");
    Long min = s.longValue("min-requests", 0);
    return s.failedSince(mark) ? null : new SizingSettings(search, min);
  }
}
