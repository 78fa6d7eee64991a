package rightsize.config;

import java.util.stream.Stream;

/**
 * How the embedded emulator serves one deployment of kind emulator (its {@code emulator} block,
 * merged over {@code deployment-defaults}, and its {@code wire-format}), with its serving profile
 * resolved.
 *
 * @param profile the profile name: one of {@code rightsize.emulator.profiles} or {@code
 *     app-profiles}, or "pay-per-token"
 * @param maxConcurrentRequestsPerInstance Azure ML max_concurrent_requests_per_instance
 * @param requestTimeoutMs Azure ML request_timeout_ms (0 = none)
 * @param managed how fast one instance serves, or null unless it is a model on managed compute
 * @param payPerToken the pay-per-token rates and quotas (the global ones with this block's
 *     overrides), or null unless it is a pay-per-token deployment
 * @param app the application it runs, or null unless its profile is an application profile
 * @param vcpus vCPUs of one instance (its VM size in the catalog, or {@code emulator.vcpus}); 0
 *     unless it runs an application
 * @param wireFormat the format it answers in on the Azure ML route
 * @param flow the prompt flow's field names, or null unless the format is promptflow
 */
public record EmulatedDeployment(
    String profile,
    int maxConcurrentRequestsPerInstance,
    long requestTimeoutMs,
    EmulatorSettings.Profile managed,
    EmulatorSettings.PayPerToken payPerToken,
    EmulatorSettings.AppProfile app,
    int vcpus,
    WireFormat wireFormat,
    FlowFields flow) {

  /**
   * The field names of a prompt flow ({@code promptflow} of the deployment).
   *
   * @param inputField the flow input holding the user's message
   * @param historyField the flow input holding the chat history
   * @param outputField the flow output holding the answer
   */
  public record FlowFields(String inputField, String historyField, String outputField) {}

  /** Whether it acts as Azure OpenAI pay-per-token rather than Azure ML managed compute. */
  public boolean isPayPerToken() {
    return payPerToken != null;
  }

  /**
   * Reads the emulated side of deployment {@code d} (merged over deployment-defaults): its
   * emulator block, with {@code wire} its wire format as the deployment read it (null when that had
   * problems, which were reported there); {@code emulator} is the emulator section (null when it
   * had problems of its own), {@code payPerTokenDefaults} its pay-per-token block and {@code cores}
   * the VM catalog's vCPUs.
   */
  static EmulatedDeployment read(Section d, WireFormatSettings wire, EmulatorSettings emulator, Section payPerTokenDefaults,
      VmCores cores) {
    int mark = d.mark();
    Section s = d.child("emulator");
    String profile = s.required("profile");
    Integer maxConcurrent = s.integer("max-concurrent-requests-per-instance", 1);
    // 0 means no timeout.
    Long timeout = s.longValue("request-timeout-ms", 0);
    Integer vcpus = s.has("vcpus") ? s.integer("vcpus", 0) : Integer.valueOf(0);
    // One reading of wire-format and its section for both sides: the client and the emulator speak the same.
    WireFormat format = wire == null ? null : wire.format();
    FlowFields flow = wire instanceof WireFormatSettings.PromptFlow p ? new FlowFields(p.inputField(), p.historyField(), p.outputField()) : null;
    if (d.failedSince(mark) || emulator == null || wire == null) {
      return null;
    }
    if (EmulatorSettings.PAY_PER_TOKEN.equals(profile)) {
      EmulatorSettings.PayPerToken rates = EmulatorSettings.payPerToken(s.over(payPerTokenDefaults));
      return rates == null ? null
          : new EmulatedDeployment(profile, maxConcurrent, timeout, null, rates, null, 0, format, flow);
    }
    EmulatorSettings.AppProfile app = emulator.appProfiles().get(profile);
    if (app != null) {
      int cpus = vcpus > 0 ? vcpus : appVcpus(d, s, cores);
      return cpus == 0 ? null
          : new EmulatedDeployment(profile, maxConcurrent, timeout, null, null, app, cpus, format, flow);
    }
    EmulatorSettings.Profile managed = emulator.profiles().get(profile);
    if (managed == null) {
      s.problem("profile", "'" + profile + "' is not defined",
          "use " + String.join(", ", Stream.of(Stream.of(EmulatorSettings.PAY_PER_TOKEN),
                  emulator.profiles().keySet().stream(), emulator.appProfiles().keySet().stream())
              .flatMap(x -> x).toList())
              + " (or define it under rightsize.emulator.profiles or app-profiles) " + s.where("profile"));
      return null;
    }
    return new EmulatedDeployment(profile, maxConcurrent, timeout, managed, null, null, 0, format, flow);
  }

  /** The catalog's vCPUs of the deployment's VM size, or 0 after reporting why there are none. */
  private static int appVcpus(Section d, Section s, VmCores cores) {
    String vmSize = d.string("vm-size");
    if (vmSize == null) {
      return 0;
    }
    Integer cpus = vmSize.isEmpty() ? null : cores.of(vmSize);
    if (cpus != null && cpus > 0) {
      return cpus;
    }
    String why = vmSize.isEmpty() ? "has no vm-size"
        : cores.unreadable() != null ? "has vm-size '" + vmSize + "' but " + cores.unreadable()
        : "has vm-size '" + vmSize + "', which the VM catalog " + cores.catalog() + " does not list";
    s.problem("profile", "is an application profile, which needs the VM's vCPUs, but the deployment " + why,
        "set vm-size to a size of the catalog, or emulator.vcpus " + s.where("profile"));
    return 0;
  }
}
