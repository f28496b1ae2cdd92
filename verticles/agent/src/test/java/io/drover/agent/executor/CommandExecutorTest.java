package io.drover.agent.executor;

import io.drover.agent.checkpoint.AgentCheckpoint;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real command tasks, run by the agent's user, with cgroups where this machine lets the test
 * write them and without: the status the wrapper records, and what a task leaves behind.
 */
class CommandExecutorTest {

  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final long POLL_MS = 20;
  static final Resources SMALL = Resources.parse("cpus:0.1;mem:64");

  @TempDir
  Path dir;

  private final String agentId = "test-" + UUID.randomUUID();
  private final BlockingQueue<String> reports = new LinkedBlockingQueue<>();
  private Vertx vertx;
  private AgentCheckpoint checkpoint;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    checkpoint = AgentCheckpoint.open(dir.resolve("agent"), AgentCheckpoint.Recovery.RECONNECT);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await();
    // the agent leaves its own and its frameworks' cgroups; the test's are its own to remove. A
    // killed leftover holds its task's cgroup until it is reaped, and the agent does not wait for
    // that (so a task's cgroup may still be there): remove the deepest first, until they let go
    for (String hierarchy : List.of("memory", "cpu", "cpuacct")) {
      Path agent = Cgroups.ROOT.resolve(hierarchy).resolve(Cgroups.PARENT).resolve(agentId);
      if (Files.isDirectory(agent)) {
        List<Path> deepestFirst;
        try (var walk = Files.walk(agent)) {
          deepestFirst = walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
        }
        for (Path cgroup : deepestFirst) {
          removeWhenReleased(cgroup);
        }
      }
    }
  }

  private static void removeWhenReleased(Path cgroup) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      try {
        Files.deleteIfExists(cgroup);
        return;
      } catch (FileSystemException busy) {
        assertThat(System.nanoTime()).as(cgroup + " released: " + busy.getMessage()).isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(POLL_MS);
      }
    }
  }

  private CommandExecutor executor(Cgroups cgroups) {
    return new CommandExecutor(vertx, cgroups, RunAs.forThisProcess(System.getProperty("user.name"), Set.of()));
  }

  /** Launches a shell command and answers its final report: "STATE message". */
  private String run(CommandExecutor executor, String taskId, String command) throws InterruptedException {
    TaskInfo task = TaskInfo.command(taskId, agentId, SMALL, command).withFrameworkId("fw");
    vertx.runOnContext(v -> executor.launch(task, checkpoint.sandbox("fw", taskId), Map.of(),
      checkpoint.task("fw", taskId), new TaskExecutor.Reports() {
        @Override
        public void running(TaskInfo info, String message) {
        }

        @Override
        public void ended(TaskInfo info, TaskState state, TaskReason reason, String message) {
          reports.add(state + " " + message);
        }
      }));
    String report = reports.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(report).as(taskId + " ended").isNotNull();
    return report;
  }

  @Test
  void theWrapperRecordsTheCommandsExitStatus() throws InterruptedException {
    CommandExecutor executor = executor(Cgroups.disabled("test"));
    assertThat(run(executor, "ok", "true")).isEqualTo("TASK_FINISHED Command exited with status 0");
    assertThat(run(executor, "three", "exit 3")).isEqualTo("TASK_FAILED Command exited with status 3");
    assertThat(checkpoint.task("fw", "three").exitStatus()).contains(3);
  }

  @Test
  void whatATaskLeavesBehindEndsWithItWithoutCgroups() throws Exception {
    leftoverEnds(executor(Cgroups.disabled("test")));
  }

  @Test
  void whatATaskLeavesBehindEndsWithItInItsCgroups() throws Exception {
    Cgroups cgroups = Cgroups.detect();
    assumeTrue(cgroups.enabled(), cgroups.status());
    CommandExecutor executor = executor(cgroups);
    leftoverEnds(executor);
    // and one that leaves nothing ends as well, its cgroups gone
    assertThat(run(executor, "alone", "true")).isEqualTo("TASK_FINISHED Command exited with status 0");
    assertThat(Cgroups.ROOT.resolve("memory").resolve(Cgroups.PARENT).resolve(agentId).resolve("fw").resolve("alone"))
      .doesNotExist();
  }

  @Test
  void aTaskThatEndsTakesItsAgentsAndFrameworksEmptyCgroupsWithIt() throws Exception {
    Cgroups cgroups = Cgroups.detect();
    assumeTrue(cgroups.enabled(), cgroups.status());
    assertThat(run(executor(cgroups), "once", "true")).isEqualTo("TASK_FINISHED Command exited with status 0");
    for (String hierarchy : List.of("memory", "cpu", "cpuacct", "freezer")) {
      assertThat(Cgroups.ROOT.resolve(hierarchy).resolve(Cgroups.PARENT).resolve(agentId)).doesNotExist();
    }
  }

  private void leftoverEnds(CommandExecutor executor) throws Exception {
    assertThat(run(executor, "parent", "sleep 300 & echo $! > leftover.pid"))
      .isEqualTo("TASK_FINISHED Command exited with status 0");
    long leftover = Long.parseLong(Files.readString(checkpoint.sandbox("fw", "parent").resolve("leftover.pid")).trim());
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!gone(leftover)) {
      assertThat(System.nanoTime()).as("the background sleep " + leftover + " is gone").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(POLL_MS);
    }
  }

  /** No such process, or a zombie whose parent has yet to reap it: it runs no more. */
  private static boolean gone(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException noSuchProcess) {
      return true;
    }
  }
}
