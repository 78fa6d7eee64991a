package rightsize.emulator.capacity;

/**
 * An Azure OpenAI Standard (pay-per-token) deployment: no queue and no per-instance limit, every
 * admitted request is served at the profile's rates at once, and a {@link RateLimiter} refuses
 * requests over the tokens- or requests-per-minute quota with 429.
 */
public final class PayPerTokenDeployment implements DeploymentModel, Generation.Owner {
  private final String name;
  private final Instance shared;
  private final RateLimiter limiter;
  private final Scheduler scheduler;
  private final InFlightObserver observer;
  private int inFlight;

  public PayPerTokenDeployment(
      String name, ServingProfile profile, RateLimiter limiter, Scheduler scheduler, InFlightObserver observer) {
    this.name = name;
    this.shared = new Instance(profile, name, 0, observer);
    this.limiter = limiter;
    this.scheduler = scheduler;
    this.observer = observer;
  }

  @Override
  public int inFlight() {
    return inFlight;
  }

  @Override
  public void submit(Generation g) {
    long now = scheduler.nanoTime();
    RateLimiter.Decision d = limiter.tryAcquire(now, (long) g.promptTokens() + g.maxTokens());
    if (!d.granted()) {
      g.listener().onRejected(
          new Rejection(d.refusedBy(), d.limitPerMinute(), d.retryAfterMillis(), d.remaining()));
      return;
    }
    g.admitted(this, scheduler, d.remaining());
    changeInFlight(+1);
    g.start(shared, now);
  }

  @Override
  public void released(Generation g, boolean fromQueue) {
    changeInFlight(-1);
  }

  private void changeInFlight(int delta) {
    inFlight += delta;
    observer.inFlightChanged(name, scheduler.nanoTime(), inFlight);
  }
}
