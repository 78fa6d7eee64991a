package rightsize.emulator.settings;

import rightsize.config.EmulatedDeployment;
import rightsize.config.WireFormat;
import rightsize.emulator.capacity.ServingProfile;

/**
 * One emulated deployment as configured (an entry of rightsize.deployments with kind = emulator).
 *
 * @param name the entry's name; requests select it by this name (header, path or model)
 * @param alias the entry's {@code deployment} value, also accepted when no other entry shares it
 * @param vmSize the VM size it stands for
 * @param instanceCount instances serving it
 * @param maxConcurrentPerInstance Azure ML max_concurrent_requests_per_instance
 * @param requestTimeoutMs Azure ML request_timeout_ms (0 = none)
 * @param profile how fast one instance serves
 * @param payPerToken the rate limits when it acts as an Azure OpenAI pay-per-token deployment, else null
 * @param wireFormat the format it answers in on the Azure ML route ({@code /score})
 * @param flow the prompt flow's field names when the format is promptflow, else null
 */
public record DeploymentSpec(
    String name,
    String alias,
    String vmSize,
    int instanceCount,
    int maxConcurrentPerInstance,
    long requestTimeoutMs,
    ServingProfile profile,
    PayPerTokenLimits payPerToken,
    WireFormat wireFormat,
    EmulatedDeployment.FlowFields flow) {

  /** Tokens- and requests-per-minute quota of a pay-per-token deployment, over a refill window. */
  public record PayPerTokenLimits(long tokensPerMinute, long requestsPerMinute, double windowSeconds) {}

  /** Whether it acts as Azure OpenAI pay-per-token rather than Azure ML managed compute. */
  public boolean isPayPerToken() {
    return payPerToken != null;
  }
}
