package io.drover.common.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The open streams of each client address, each known by a question that says whether it is still
 * open. A client's entry lives only while it holds a stream: {@link #sweep} drops what has closed
 * and every client left with none, so the table is bounded by the live streams, not by every
 * address ever seen.
 */
final class ClientStreams {

  private final int perClient;
  private final Map<String, Set<BooleanSupplier>> open = new ConcurrentHashMap<>();

  ClientStreams(int perClient) {
    this.perClient = perClient;
  }

  /** Counts a new stream of {@code client}; false, counting nothing, when it already holds {@code perClient}. */
  boolean open(String client, BooleanSupplier stillOpen) {
    boolean[] admitted = {false};
    // compute, not computeIfAbsent then add: a sweep must not drop the set between the two
    open.compute(client, (address, mine) -> {
      Set<BooleanSupplier> streams = mine != null ? mine : ConcurrentHashMap.newKeySet();
      streams.removeIf(stream -> !stream.getAsBoolean());
      if (streams.size() < perClient) {
        streams.add(stillOpen);
        admitted[0] = true;
      }
      return streams.isEmpty() ? null : streams;
    });
    return admitted[0];
  }

  /** Forgets the streams that closed, and the clients that hold none any more. */
  void sweep() {
    for (String client : open.keySet()) {
      open.computeIfPresent(client, (address, mine) -> {
        mine.removeIf(stream -> !stream.getAsBoolean());
        return mine.isEmpty() ? null : mine;
      });
    }
  }

  /** How many client addresses hold an open stream, as of the last sweep. */
  int clients() {
    return open.size();
  }
}
