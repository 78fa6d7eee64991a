package rightsize.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A bounded wait for something another thread is about to make true. */
public final class Await {
  private Await() {}

  /** Spins until {@code done} holds or {@code bound} has passed; returns whether it holds. */
  public static boolean until(Duration bound, BooleanSupplier done) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return done.getAsBoolean();
      }
      Thread.onSpinWait();
    }
    return true;
  }
}
