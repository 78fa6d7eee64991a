package rightsize.config;

/**
 * The {@code rightsize.sizing} section: how the sweep over the deployments searches for capacity.
 *
 * @param capacitySearch stop a deployment's sweep once a step breaks the SLO with 95% confidence
 */
public record SizingSettings(boolean capacitySearch) {

  static SizingSettings read(Section s) {
    int mark = s.mark();
    Boolean search = s.bool("capacity-search");
    return s.failedSince(mark) ? null : new SizingSettings(search);
  }
}
