package io.drover.agent.executor;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.concurrent.TimeUnit;

/**
 * The worker pool for work that may take minutes (fetching URIs, pulling images, stopping
 * containers), kept apart from Vert.x's default pool so that it can never hold up the checkpoint
 * writes and status updates that run there.
 */
public final class SlowWork {

  static final String NAME = "drover-slow-work";
  static final int THREADS = 8;
  static final long MAX_MINUTES = 15;

  private SlowWork() {
  }

  /** The process's pool, shared by name. */
  public static WorkerExecutor pool(Vertx vertx) {
    return vertx.createSharedWorkerExecutor(NAME, THREADS, MAX_MINUTES, TimeUnit.MINUTES);
  }
}
