package rightsize.emulator.settings;

import java.util.List;
import java.util.concurrent.TimeUnit;
import rightsize.config.DeploymentSettings;
import rightsize.config.EmulatedDeployment;
import rightsize.config.EmulatorSettings;
import rightsize.config.RightsizeSettings;
import rightsize.config.TargetKind;
import rightsize.emulator.capacity.ServingProfile;
import rightsize.secret.Secret;

/**
 * What one emulator serves and how: the configured deployments of kind emulator made concrete, and
 * the emulator section of the settings.
 *
 * @param settings how it answers (seed, text, output lengths, auth, faults, ground truth)
 * @param deployments the deployments it serves
 */
public record EmulatorSetup(EmulatorSettings settings, List<DeploymentSpec> deployments) {

  public EmulatorSetup {
    deployments = List.copyOf(deployments);
  }

  /**
   * Every configured deployment of kind emulator ({@code run.sizes} does not apply), answered as
   * the emulator section says.
   */
  public static EmulatorSetup of(RightsizeSettings settings) {
    return of(settings.emulator(), settings.allDeployments());
  }

  /** The deployments of kind emulator among {@code deployments}, answered as {@code emulator} says. */
  public static EmulatorSetup of(EmulatorSettings emulator, List<DeploymentSettings> deployments) {
    return new EmulatorSetup(emulator, deployments.stream()
        .filter(d -> d.kind() == TargetKind.EMULATOR)
        .map(EmulatorSetup::spec)
        .toList());
  }

  /** The same setup with auth on and {@code key} as the expected key (tests; the config reads an env var). */
  public EmulatorSetup withApiKey(String key) {
    return new EmulatorSetup(settings.withApiKey(Secret.of(key, "test")), deployments);
  }

  private static DeploymentSpec spec(DeploymentSettings d) {
    EmulatedDeployment e = d.emulator();
    ServingProfile profile;
    DeploymentSpec.PayPerTokenLimits limits = null;
    if (e.isPayPerToken()) {
      EmulatorSettings.PayPerToken ppt = e.payPerToken();
      // A large shared service: no batching slowdown and no saturation, every stream at the full rate.
      profile = new ServingProfile(
          EmulatorSettings.PAY_PER_TOKEN,
          ppt.prefillTokensPerSecond(),
          false,
          ppt.decodeTokensPerSecond(),
          ppt.decodeTokensPerSecond() * Integer.MAX_VALUE,
          Integer.MAX_VALUE,
          TimeUnit.MILLISECONDS.toNanos(ppt.firstTokenOverheadMs()));
      limits = new DeploymentSpec.PayPerTokenLimits(
          ppt.tokensPerMinute(), ppt.requestsPerMinute(), ppt.window().toMillis() / 1000.0);
    } else if (e.app() != null) {
      EmulatorSettings.AppProfile a = e.app();
      ServingProfile.App app = new ServingProfile.App(e.vcpus(), a.workers(e.vcpus()), a.threadsPerWorker(),
          Math.round(a.cpuMsPerRequest() * 1_000_000L));
      profile = ServingProfile.application(e.profile(), app, a.modelPrefillTokensPerSecond(),
          a.modelDecodeTokensPerSecond(), TimeUnit.MILLISECONDS.toNanos(a.modelFirstTokenMs()));
    } else {
      EmulatorSettings.Profile p = e.managed();
      profile = new ServingProfile(
          e.profile(),
          p.prefillTokensPerSecond(),
          true,
          p.decodeTokensPerSecond(),
          p.saturatedDecodeTokensPerSecond(),
          p.saturationStreams(),
          TimeUnit.MILLISECONDS.toNanos(p.firstTokenOverheadMs()));
    }
    return new DeploymentSpec(d.name(), d.deployment(), d.vmSize(), d.instanceCount(),
        e.maxConcurrentRequestsPerInstance(), e.requestTimeoutMs(), profile, limits, e.wireFormat(), e.flow());
  }
}
