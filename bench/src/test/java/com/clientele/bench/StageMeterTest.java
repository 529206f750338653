package com.clientele.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stage meter's peak heap is the heap in use at the stage's fullest moment, not what is left at its end. */
class StageMeterTest {

  private static final int CHUNK = 32 << 20;

  @Test
  void peakHeapSeesMemoryFreedBeforeTheStageEnds() throws Exception {
    // The test JVM may hold other tests' data (Spark sessions): measure against what is live before.
    System.gc();
    double baselineMb = usedMb();
    StageMeter.Stage stage = StageMeter.measure("allocate and free", 1, () -> {
      List<byte[]> held = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        byte[] chunk = new byte[CHUNK];
        chunk[i] = 1;
        held.add(chunk);
      }
      long sum = held.stream().mapToLong(c -> c[0]).sum();
      held = null;
      System.gc();
      Thread.sleep(500); // collection notifications are delivered asynchronously
      return sum;
    }).stage();
    double heldMb = 8.0 * CHUNK / 1048576;
    double maxHeapMb = Runtime.getRuntime().maxMemory() / 1048576.0;
    double afterMb = usedMb();
    assertTrue(afterMb < baselineMb + heldMb / 2,
        "the chunks were collected: " + afterMb + " MiB in use, " + baselineMb + " MiB before");
    // Slack of a few MiB for what other threads may have had collected in between.
    assertTrue(stage.peakHeapMb() >= baselineMb + heldMb - 16,
        "peak " + stage.peakHeapMb() + " MiB < " + baselineMb + " MiB before + " + heldMb + " MiB held");
    assertTrue(stage.peakHeapMb() <= maxHeapMb, "peak " + stage.peakHeapMb() + " MiB > max heap " + maxHeapMb);
    assertTrue(stage.wallSeconds() >= 0.5);
    assertEquals(1, stage.rows());
  }

  private static double usedMb() {
    return (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0;
  }
}
