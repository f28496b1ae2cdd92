package io.drover.agent.usage;

import io.drover.resources.Resources;
import org.apache.mesos.v1.Protos.ResourceStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A task's cgroup directories laid out as the kernel fills them, and what is read from them. */
class CgroupUsageTest {

  @TempDir
  Path root;

  private Path dir(String name, String... fileAndContent) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    for (int i = 0; i < fileAndContent.length; i += 2) {
      Files.writeString(dir.resolve(fileAndContent[i]), fileAndContent[i + 1]);
    }
    return dir;
  }

  private static ResourceStatistics.Builder empty() {
    return ResourceStatistics.newBuilder().setTimestamp(1.0);
  }

  @Test
  void figuresComeFromEachControllersFiles() throws IOException {
    Path memory = dir("memory", "memory.usage_in_bytes", "5242880\n", "memory.limit_in_bytes", "67108864\n",
      "memory.stat", "cache 100\nrss 200\ntotal_cache 1048576\ntotal_rss 3145728\ntotal_mapped_file 4096\n",
      "cgroup.procs", "10\n11\n", "tasks", "10\n11\n12\n");
    Path cpu = dir("cpu", "cpu.cfs_quota_us", "50000\n", "cpu.cfs_period_us", "100000\n",
      "cpu.stat", "nr_periods 40\nnr_throttled 7\nthrottled_time 1500000000\n");
    Path cpuacct = dir("cpuacct", "cpuacct.stat", "user 250\nsystem 30\n");

    ResourceStatistics s = CgroupUsage.read(memory, cpu, cpuacct, empty()).build();

    // 250 ticks at 100 per second
    assertThat(s.getCpusUserTimeSecs()).isEqualTo(2.5);
    assertThat(s.getCpusSystemTimeSecs()).isEqualTo(0.3);
    assertThat(s.getCpusLimit()).isEqualTo(0.5);
    assertThat(s.getCpusNrPeriods()).isEqualTo(40);
    assertThat(s.getCpusNrThrottled()).isEqualTo(7);
    assertThat(s.getCpusThrottledTimeSecs()).isEqualTo(1.5);
    assertThat(s.getMemTotalBytes()).isEqualTo(5L << 20);
    assertThat(s.getMemLimitBytes()).isEqualTo(64L << 20);
    // the hierarchical figures, not the cgroup's own
    assertThat(s.getMemRssBytes()).isEqualTo(3L << 20);
    assertThat(s.getMemCacheBytes()).isEqualTo(1L << 20);
    assertThat(s.getMemMappedFileBytes()).isEqualTo(4096);
    assertThat(s.hasMemSwapBytes()).as("no swap accounting here").isFalse();
    assertThat(s.getProcesses()).isEqualTo(2);
    assertThat(s.getThreads()).isEqualTo(3);
  }

  @Test
  void noQuotaAndNoMemoryLimitAreNoLimits() throws IOException {
    Path memory = dir("memory", "memory.limit_in_bytes", "9223372036854771712\n", "memory.stat", "rss 8192\n");
    Path cpu = dir("cpu", "cpu.cfs_quota_us", "-1\n", "cpu.cfs_period_us", "100000\n");

    ResourceStatistics s = CgroupUsage.read(memory, cpu, null, empty()).build();

    assertThat(s.hasCpusLimit()).isFalse();
    assertThat(s.hasMemLimitBytes()).isFalse();
    assertThat(s.getMemRssBytes()).as("the flat figure where no total_ one is given").isEqualTo(8192);
    assertThat(s.hasCpusUserTimeSecs()).as("no cpuacct").isFalse();
  }

  @Test
  void aCgroupThatIsGoneLeavesEverythingUnset() {
    ResourceStatistics s = CgroupUsage.read(root.resolve("gone"), root.resolve("gone"), root.resolve("gone"), empty())
      .build();
    assertThat(s).isEqualTo(empty().build());
  }

  @Test
  void theAllocationStandsInForLimitsNoFileGave() throws IOException {
    Path memory = dir("memory", "memory.limit_in_bytes", "33554432\n");
    ResourceStatistics s = AllocatedLimits.fillIn(Resources.parse("cpus:0.25;mem:64"),
      CgroupUsage.read(memory, null, null, empty())).build();
    assertThat(s.getMemLimitBytes()).as("the enforced limit wins").isEqualTo(32L << 20);
    assertThat(s.getCpusLimit()).isEqualTo(0.25);
  }
}
