package io.drover.agent.usage;

import org.apache.mesos.v1.Protos.ResourceStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A /proc with a task's session (its wrapper 100 and a child 101) and a stranger, and what is summed. */
class ProcessTreeUsageTest {

  @TempDir
  Path proc;

  private void process(long pid, long session, long utime, long stime, long cutime, long cstime, long threads,
                       long rssKb) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(dir.resolve("stat"), pid + " (sh) S 1 " + session + " " + session + " 0 -1 0 0 0 0 0 "
      + utime + " " + stime + " " + cutime + " " + cstime + " 20 0 " + threads + " 0 100 0 0 0\n");
    Files.writeString(dir.resolve("status"), "Name:\tsh\nVmRSS:\t" + rssKb + " kB\nThreads:\t" + threads + "\n");
  }

  @Test
  void theSessionsProcessesAreSummedWithWhatTheirEndedChildrenLeft() throws IOException {
    process(100, 100, 10, 2, 40, 8, 1, 800);
    process(101, 100, 150, 5, 0, 0, 4, 2000);
    process(300, 300, 9999, 9999, 0, 0, 9, 99999);
    Files.createDirectories(proc.resolve("self"));

    ResourceStatistics s = ProcessTreeUsage.fillIn(proc, 100, ResourceStatistics.newBuilder().setTimestamp(1)).build();

    // (10 + 40 + 150) ticks, (2 + 8 + 5) ticks
    assertThat(s.getCpusUserTimeSecs()).isEqualTo(2.0);
    assertThat(s.getCpusSystemTimeSecs()).isEqualTo(0.15);
    assertThat(s.getMemRssBytes()).isEqualTo(2800 * 1024);
    assertThat(s.getProcesses()).isEqualTo(2);
    assertThat(s.getThreads()).isEqualTo(5);
  }

  @Test
  void whatTheCgroupsToldIsKept() throws IOException {
    process(100, 100, 10, 2, 0, 0, 1, 800);
    ResourceStatistics s = ProcessTreeUsage.fillIn(proc, 100, ResourceStatistics.newBuilder().setTimestamp(1)
      .setMemRssBytes(4096).setProcesses(3).setThreads(3)).build();
    assertThat(s.getMemRssBytes()).isEqualTo(4096);
    assertThat(s.getProcesses()).isEqualTo(3);
    assertThat(s.getCpusUserTimeSecs()).as("no cpuacct told it").isEqualTo(0.1);
  }

  @Test
  void aSessionWithNoProcessLeftSetsNothing() {
    ResourceStatistics s = ProcessTreeUsage.fillIn(proc, 100, ResourceStatistics.newBuilder().setTimestamp(1)).build();
    assertThat(s.hasCpusUserTimeSecs()).isFalse();
    assertThat(s.hasProcesses()).isFalse();
  }

  @Test
  void thisJvmsOwnSessionIsMeasuredFromTheRealProc() {
    long session = Long.parseLong(CgroupUsage.read(Path.of("/proc/self/stat")).map(StatFiles::procStat)
      .map(p -> Long.toString(p.session())).orElseThrow());
    ResourceStatistics s = ProcessTreeUsage.fillIn(ProcessTreeUsage.PROC, session,
      ResourceStatistics.newBuilder().setTimestamp(1)).build();
    assertThat(s.getProcesses()).isPositive();
    assertThat(s.getThreads()).isGreaterThan(1);
    assertThat(s.getMemRssBytes()).isPositive();
    assertThat(s.getCpusUserTimeSecs() + s.getCpusSystemTimeSecs()).isPositive();
  }
}
