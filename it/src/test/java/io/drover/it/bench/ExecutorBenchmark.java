package io.drover.it.bench;

import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Docker;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.ContainerInfo;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark, not a test (run it with {@code scripts/bench-executor.sh}): how fast one real agent
 * runs short tasks, end to end through the master. It prints tasks/s for {@code true} command tasks
 * (accept to the last TASK_FINISHED seen by the framework) and containers/s for busybox container
 * tasks next to a bare sequential {@code docker run} loop on the same machine in the same run.
 */
public final class ExecutorBenchmark {

  static final Resources TINY = Resources.parse("cpus:0.01;mem:4");

  public static void main(String[] args) throws Exception {
    int commands = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int containers = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    try (ClusterFixture cluster = new ClusterFixture("bench-executor")) {
      cluster.master("master");
      cluster.agent("agent", "cpus:64;mem:65536;disk:1000;ports:[31000-31100]");
      cluster.awaitActiveAgents(1);
      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "bench-executor")) {
        System.out.println("| what | count | seconds | per second |");
        System.out.println("|---|---|---|---|");
        double commandRate = run(framework, "cmd", commands, i -> TaskInfo.command("cmd-" + i, null, TINY, "true"));
        row("command tasks `true`, accept -> FINISHED", commands, commands / commandRate, commandRate);
        if (Docker.command("image", "inspect", Docker.IMAGE).code() != 0) {
          System.out.println("containers skipped: no Docker engine with " + Docker.IMAGE + " (scripts/test.sh builds it)");
          return;
        }
        double containerRate = run(framework, "box", containers, i -> TaskInfo.docker("box-" + i, null,
          Resources.parse("cpus:0.1;mem:32"), ContainerInfo.docker(Docker.IMAGE), "true"));
        row("busybox container tasks, accept -> FINISHED", containers, containers / containerRate, containerRate);
        long start = System.nanoTime();
        for (int i = 0; i < containers; i++) {
          if (Docker.command("run", "--rm", Docker.IMAGE, "true").code() != 0) {
            throw new IllegalStateException("docker run failed");
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        row("bare `docker run --rm busybox true` loop", containers, seconds, containers / seconds);
      }
    }
  }

  interface TaskMaker {
    TaskInfo make(int i);
  }

  /** Launches {@code count} tasks in one accept and answers tasks per second until the last one finished. */
  static double run(TestFramework framework, String prefix, int count, TaskMaker maker) {
    Offer offer = framework.takeOffer(o -> o.resources().cpus() >= 8);
    List<TaskInfo> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tasks.add(maker.make(i));
    }
    long start = System.nanoTime();
    framework.call(d -> d.accept(List.of(offer.getId()), tasks, new Filters(0)));
    for (TaskInfo task : tasks) {
      framework.awaitState(task.getTaskId(), TaskState.TASK_FINISHED, Duration.ofMinutes(5));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return count / seconds;
  }

  static void row(String what, int count, double seconds, double rate) {
    System.out.println(String.format(Locale.ROOT, "| %s | %d | %.2f | %.1f |", what, count, seconds, rate));
  }
}
