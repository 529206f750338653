package com.clientele.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one step per item on a few driver threads. Spark jobs submitted from several threads share
 * the cluster: on small tables most of a write's or a maintenance command's time is planning and
 * Delta commits, which overlap well with the other items' computation.
 */
public final class Parallel {
  private Parallel() {}

  /**
   * The step's result for every item, in the items' order. The first failure (in that order) is
   * thrown once every step has been submitted; the pool's threads are daemons named {@code name}.
   */
  public static <T, R> List<R> map(List<T> items, int threads, String name, Function<T, R> step) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> step.apply(item)));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> future : futures) {
        results.add(result(future));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Two results computed at the same time. */
  public record Pair<A, B>(A first, B second) {}

  /** Runs both steps at the same time on threads named {@code name}; the first failure (first, then second) is thrown. */
  public static <A, B> Pair<A, B> both(String name, java.util.function.Supplier<A> first,
      java.util.function.Supplier<B> second) {
    List<Object> results = map(List.<java.util.function.Supplier<?>>of(first, second), 2, name,
        java.util.function.Supplier::get);
    @SuppressWarnings("unchecked")
    Pair<A, B> pair = new Pair<>((A) results.get(0), (B) results.get(1));
    return pair;
  }

  private static <R> R result(Future<R> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
