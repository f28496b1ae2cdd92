package io.drover.it;

import io.drover.common.ClusterNode;
import io.drover.common.ZooKeeperSettings;
import io.drover.common.security.ClusterSecurity;
import io.drover.common.security.Credentials;
import io.drover.framework.Scheduler;
import io.drover.framework.SchedulerDriver;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A real framework in the test JVM: it joins the cluster through ZooKeeper like any other process
 * and speaks the framework API through {@link SchedulerDriver}. It records every offer and update.
 */
final class TestFramework implements Scheduler, AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(60);

  private final ClusterNode node;
  private final SchedulerDriver driver;
  private final Map<String, Offer> offers = new ConcurrentHashMap<>();
  private final List<Offer> allOffers = new CopyOnWriteArrayList<>();
  private final List<TaskStatus> updates = new CopyOnWriteArrayList<>();
  private final Map<String, Long> runningAt = new ConcurrentHashMap<>();
  private volatile boolean disconnected;

  private TestFramework(String zk, FrameworkInfo info) {
    node = ClusterNode.join(new ZooKeeperSettings(zk, 2_000, 10_000), "127.0.0.1",
      ClusterSecurity.of(Credentials.of(DroverProcess.TOKEN, null)));
    driver = new SchedulerDriver(node.vertx(), info, this, node.detector());
  }

  static TestFramework subscribe(String zk, String name) {
    return subscribe(zk, FrameworkInfo.named(name));
  }

  static TestFramework subscribe(String zk, FrameworkInfo info) {
    TestFramework framework = new TestFramework(zk, info);
    framework.await(framework.driver.start());
    return framework;
  }

  SchedulerDriver driver() {
    return driver;
  }

  @Override
  public void offers(List<Offer> received) {
    received.forEach(o -> offers.put(o.getId(), o));
    allOffers.addAll(received);
  }

  @Override
  public void rescinded(String offerId) {
    offers.remove(offerId);
  }

  @Override
  public void statusUpdate(TaskStatus status) {
    if (status.getState() == TaskState.TASK_RUNNING) {
      runningAt.putIfAbsent(status.getTaskId(), System.nanoTime());
    }
    updates.add(status);
  }

  /** When this framework first heard that the task runs ({@link System#nanoTime()}), or null. */
  Long runningAt(String taskId) {
    return runningAt.get(taskId);
  }

  /** A currently valid offer that matches, removed from the pool so it is not used twice. */
  Offer takeOffer(Predicate<Offer> wanted) {
    return Await.value("an offer that fits", WAIT, () -> offers.values().stream().filter(wanted).findFirst()
      .filter(o -> offers.remove(o.getId()) != null).orElse(null));
  }

  /** Stops taking offers and gives back the ones it holds, so that another framework gets them. */
  void standAside() {
    call(d -> d.suppress());
    List<String> held = List.copyOf(offers.keySet());
    offers.clear();
    call(d -> d.decline(held, new io.drover.protocol.Filters(0)));
  }

  List<Offer> allOffers() {
    return allOffers;
  }

  TaskStatus awaitState(String taskId, TaskState state) {
    return awaitState(taskId, state, WAIT);
  }

  TaskStatus awaitState(String taskId, TaskState state, Duration timeout) {
    try {
      return Await.value(taskId + " reaching " + state, timeout,
        () -> updates.stream().filter(s -> s.getTaskId().equals(taskId) && s.getState() == state).findFirst()
          .orElse(null));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; its updates: " + updates(taskId), e);
    }
  }

  List<TaskStatus> updates(String taskId) {
    return updates.stream().filter(s -> s.getTaskId().equals(taskId)).toList();
  }

  /** Runs a call of the framework API and waits for its answer. */
  <T> T call(Function<SchedulerDriver, Future<T>> call) {
    return await(call.apply(driver));
  }

  /** Runs a call that must fail, and returns its failure. */
  Throwable failure(Function<SchedulerDriver, Future<?>> call) {
    try {
      call.apply(driver).toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("the call did not answer: " + e, e);
    }
    throw new AssertionError("the call succeeded but should have failed");
  }

  private <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("call failed: " + e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("call did not complete: " + e, e);
    }
  }

  ClusterNode node() {
    return node;
  }

  /** The pid an agent reported for a running task ("pid N"). */
  long pid(String taskId) {
    String message = awaitState(taskId, TaskState.TASK_RUNNING).getMessage();
    return Long.parseLong(message.replaceAll("\\D+", ""));
  }

  /** Leaves as a crashed scheduler would: no teardown, its tasks stay with the master. */
  void disconnect() {
    disconnected = true;
    driver.stop();
    node.close();
  }

  @Override
  public void close() {
    if (disconnected) {
      // its tasks now belong to whoever takes the framework over
      return;
    }
    // tasks outlive their agents by design; end the ones this test started
    updates.stream().filter(s -> s.getState() == TaskState.TASK_RUNNING && s.getMessage() != null
        && s.getMessage().startsWith("pid "))
      .forEach(s -> killGroup(Long.parseLong(s.getMessage().substring(4).trim())));
    driver.stop();
    node.close();
  }

  private static void killGroup(long pgid) {
    try {
      new ProcessBuilder("kill", "-s", "KILL", "--", "-" + pgid).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    } catch (Exception ignored) {
      // already gone
    }
  }
}
