package io.drover.agent;

import io.drover.protocol.CommandInfo;
import io.drover.protocol.TaskInfo;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos.ResourceStatistics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorStatisticsTest {

  @Test
  void anEntryIsMesossCommandExecutorsWithItsStatistics() {
    TaskInfo task = TaskInfo.command("web.1", "a1", Resources.parse("cpus:0.5;mem:64"), "sleep 100")
      .withFrameworkId("f1");
    ResourceStatistics statistics = ResourceStatistics.newBuilder().setTimestamp(1700000000.5)
      .setCpusUserTimeSecs(1.25).setCpusLimit(0.5).setMemRssBytes(4096).setMemLimitBytes(64L << 20)
      .setProcesses(2).setThreads(3).build();

    JsonObject entry = MonitorStatistics.entry(task, statistics);

    assertThat(entry.getString("executor_id")).isEqualTo("web.1");
    assertThat(entry.getString("source")).isEqualTo("web.1");
    assertThat(entry.getString("framework_id")).isEqualTo("f1");
    assertThat(entry.getString("executor_name")).isEqualTo("Command Executor (Task: web.1) (Command: sh -c 'sleep 100')");
    JsonObject s = entry.getJsonObject("statistics");
    assertThat(s.getDouble("timestamp")).isEqualTo(1700000000.5);
    assertThat(s.getDouble("cpus_user_time_secs")).isEqualTo(1.25);
    // 64-bit integers as numbers, as Mesos prints them
    assertThat(s.getValue("mem_limit_bytes")).isInstanceOf(Number.class);
    assertThat(s.getLong("mem_limit_bytes")).isEqualTo(64L << 20);
    assertThat(s.getInteger("processes")).isEqualTo(2);
    assertThat(s.fieldNames()).containsExactlyInAnyOrder("timestamp", "cpus_user_time_secs", "cpus_limit",
      "mem_rss_bytes", "mem_limit_bytes", "processes", "threads");
  }

  @Test
  void anExecFormCommandIsNamedByItsArguments() {
    TaskInfo task = TaskInfo.command("t", "a1", Resources.parse("cpus:1"), "x")
      .withCommand(new CommandInfo("/bin/sleep", false, List.of("/bin/sleep", "5"), Map.of(), null));
    assertThat(MonitorStatistics.executorName(task)).isEqualTo("Command Executor (Task: t) (Command: [/bin/sleep, 5])");
  }
}
