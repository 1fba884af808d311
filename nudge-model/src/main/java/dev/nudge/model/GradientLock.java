package dev.nudge.model;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;

/**
 * The one gradient recording a JVM may hold at a time. DJL's PyTorch engine keeps a single
 * process-wide flag for its gradient collector, and a second collector opened on another thread
 * throws ("A PtGradientCollector is already collecting"). Trainers run each step's forward and
 * backward pass under this lock, so trainings on several threads (simulation trials re-fitting
 * their encoders, a retrain beside other work) interleave their steps instead of failing. A step
 * reads and writes only its own training's state, so interleaving changes no result.
 */
public final class GradientLock {
  private static final ReentrantLock LOCK = new ReentrantLock();

  private GradientLock() {}

  /** Runs {@code step} (which opens and closes its gradient collector) under the lock. */
  public static double during(DoubleSupplier step) {
    LOCK.lock();
    try {
      return step.getAsDouble();
    } finally {
      LOCK.unlock();
    }
  }
}
