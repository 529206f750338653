package com.clientele.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {

  @Test
  void givesEachItemsResultInTheItemsOrderUsingAtMostTheGivenThreads() {
    List<Integer> items = IntStream.range(0, 20).boxed().toList();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<String> results = Parallel.map(items, 3, "worker", i -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      threads.add(Thread.currentThread().getName());
      try {
        // Later items finish first: the order of the results must not follow completion.
        Thread.sleep(20 - i);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      running.decrementAndGet();
      return "r" + i;
    });
    assertEquals(items.stream().map(i -> "r" + i).toList(), results);
    assertTrue(most.get() <= 3, "at most 3 at once, saw " + most.get());
    assertEquals(Set.of("worker"), threads);
  }

  @Test
  void stepsRunConcurrently() {
    // Two steps that each wait for the other: they only both finish if they run at the same time.
    CountDownLatch both = new CountDownLatch(2);
    List<Boolean> met = Parallel.map(List.of("a", "b"), 2, "worker", item -> {
      both.countDown();
      try {
        return both.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertEquals(List.of(true, true), met);
  }

  @Test
  void throwsTheFirstFailureInTheItemsOrder() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Parallel.map(List.of(1, 2, 3), 2, "worker", i -> {
          if (i >= 2) {
            throw new IllegalArgumentException("item " + i);
          }
          return i;
        }));
    assertEquals("item 2", e.getMessage());
  }

  @Test
  void bothRunsTwoStepsOfDifferentTypesAtTheSameTime() {
    // Each step waits for the other: both finish only if they run at the same time.
    CountDownLatch met = new CountDownLatch(2);
    Parallel.Pair<String, Integer> pair = Parallel.both("worker", () -> {
      met.countDown();
      return await(met) ? "first" : "first alone";
    }, () -> {
      met.countDown();
      return await(met) ? 2 : -2;
    });
    assertEquals("first", pair.first());
    assertEquals(2, pair.second());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Parallel.both("worker", () -> { throw new IllegalStateException("first failed"); }, () -> 1));
    assertEquals("first failed", e.getMessage());
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
