package dev.nudge.candidates;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs one independent job per item on a fixed number of threads. Items are handed out through a
 * shared counter, so a few very popular items do not leave other threads idle, and each item's
 * result depends only on the item, never on scheduling: the output is the same for any thread
 * count.
 */
final class ItemParallel {
  private ItemParallel() {}

  /** Work for one item with per-thread scratch state; writes its own slot of the result arrays. */
  interface ItemJob {
    void run(int item);
  }

  static void forEachItem(int items, int threads, Supplier<ItemJob> perThread) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          ItemJob job = perThread.get();
          for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
            job.run(i);
          }
        };
    if (threads == 1) {
      worker.run();
      return;
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(worker));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building item similarities", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("an item similarity worker failed", e.getCause());
    }
  }
}
