package io.drover.common;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BatcherTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Adds on the batcher's context and waits until the window has passed and the batches went out. */
  private List<String> sent(int maxItems, List<String[]> adds, int expectedBatches) throws Exception {
    Context context = vertx.getOrCreateContext();
    List<String> batches = new ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      Batcher<String, String> batcher = new Batcher<>(context, 2, maxItems, (to, items) -> {
        batches.add(to + ":" + String.join(",", items));
        if (batches.size() == expectedBatches) {
          done.complete(null);
        }
      });
      adds.forEach(a -> batcher.add(a[0], a[1]));
    });
    done.get(10, TimeUnit.SECONDS);
    return batches;
  }

  @Test
  void itemsForOneDestinationGoTogetherInTheOrderTheyCame() throws Exception {
    List<String> batches = sent(100, List.of(new String[] {"f1", "a"}, new String[] {"f2", "x"},
      new String[] {"f1", "b"}, new String[] {"f1", "c"}), 2);

    assertThat(batches).containsExactly("f1:a,b,c", "f2:x");
  }

  @Test
  void aFullBatchGoesAtOnceAndTheRestAfterTheWindow() throws Exception {
    List<String> batches = sent(2, List.of(new String[] {"f1", "a"}, new String[] {"f1", "b"},
      new String[] {"f1", "c"}), 2);

    assertThat(batches).containsExactly("f1:a,b", "f1:c");
  }
}
