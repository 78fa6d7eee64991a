package rightsize.emulator.wire;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rightsize.config.EmulatorSettings;
import rightsize.emulator.capacity.DeploymentModel;
import rightsize.emulator.capacity.ManagedComputeDeployment;
import rightsize.emulator.capacity.PayPerTokenDeployment;
import rightsize.emulator.capacity.RateLimiter;
import rightsize.emulator.capacity.Scheduler;
import rightsize.emulator.fault.FaultInjector;
import rightsize.emulator.monitor.MetricsEndpoint;
import rightsize.emulator.settings.DeploymentSpec;
import rightsize.emulator.settings.EmulatorSetup;
import rightsize.emulator.text.CompletionText;
import rightsize.emulator.truth.GroundTruth;

/**
 * What every request handler of one emulator shares: settings, the capacity model of each
 * deployment, the output text, the fault injector, the ground truth and the scheduler. Used only
 * from the emulator's event loop (the ground truth is also read from other threads).
 */
public final class Backend {

  /**
   * A deployment as configured, with its live capacity model and the format it answers in on the
   * Azure ML route.
   */
  record Served(DeploymentSpec spec, DeploymentModel model, WireShape amlShape) {}

  final EmulatorSettings settings;
  final Scheduler scheduler;
  final GroundTruth truth;
  final CompletionText text;
  final AzureWire wire;
  final FaultInjector faults;
  final MetricsEndpoint metrics;
  private final Map<String, Served> byName = new LinkedHashMap<>();
  private final Map<String, Served> byAlias = new HashMap<>();

  public Backend(EmulatorSetup setup, Scheduler scheduler, GroundTruth truth) {
    EmulatorSettings settings = setup.settings();
    this.settings = settings;
    this.scheduler = scheduler;
    this.truth = truth;
    this.text = CompletionText.forEncoding(settings.encoding());
    this.wire = new AzureWire(settings.contentFilterAnnotations(), settings.model(), settings.seed());
    this.faults = new FaultInjector(settings.faultRules(), settings.faultHeaderAllowed(), settings.seed());
    this.metrics = new MetricsEndpoint(setup.deployments(), settings.model(), truth);
    Map<String, Integer> aliasUse = new HashMap<>();
    for (DeploymentSpec spec : setup.deployments()) {
      aliasUse.merge(spec.alias(), 1, Integer::sum);
    }
    for (DeploymentSpec spec : setup.deployments()) {
      Served served = new Served(spec, model(spec), shape(spec));
      byName.put(spec.name(), served);
      if (aliasUse.get(spec.alias()) == 1) {
        byAlias.put(spec.alias(), served);
      }
    }
  }

  private DeploymentModel model(DeploymentSpec spec) {
    if (spec.isPayPerToken()) {
      DeploymentSpec.PayPerTokenLimits l = spec.payPerToken();
      return new PayPerTokenDeployment(
          spec.name(),
          spec.profile(),
          new RateLimiter(l.tokensPerMinute(), l.requestsPerMinute(), l.windowSeconds(), scheduler.nanoTime()),
          scheduler,
          truth);
    }
    return new ManagedComputeDeployment(
        spec.name(),
        spec.profile(),
        spec.instanceCount(),
        spec.maxConcurrentPerInstance(),
        spec.requestTimeoutMs(),
        scheduler,
        truth);
  }

  private WireShape shape(DeploymentSpec spec) {
    return switch (spec.wireFormat()) {
      case OPENAI_CHAT -> wire;
      case PROMPTFLOW -> new PromptflowShape(spec.flow());
      case AML_CHAT -> new AmlChatShape();
      case CUSTOM -> new CustomShape();
    };
  }

  /** The deployment called {@code name} (its name, or its unique deployment value), or null. */
  Served find(String name) {
    if (name == null) {
      return null;
    }
    Served s = byName.get(name);
    return s != null ? s : byAlias.get(name);
  }

  /** The only deployment, when there is exactly one; else null. */
  Served single() {
    return byName.size() == 1 ? byName.values().iterator().next() : null;
  }

  List<Served> all() {
    return List.copyOf(byName.values());
  }
}
