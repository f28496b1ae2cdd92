package io.drover.agent.usage;

import org.apache.mesos.v1.Protos.ResourceStatistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A container's usage from its cgroup v1 directories, as Mesos's cgroups isolators read it:
 * {@code cpuacct.stat} for cpu times, {@code cpu.stat} for CFS throttling, the CFS quota for the
 * cpu limit, {@code memory.usage_in_bytes}, {@code memory.limit_in_bytes} and {@code memory.stat}
 * for memory, and the memory cgroup's {@code cgroup.procs} and {@code tasks} for processes and
 * threads. A file that is not there leaves its figures unset. Blocking.
 */
public final class CgroupUsage {

  /** Where the cgroup v1 hierarchies are mounted. */
  public static final Path ROOT = Path.of("/sys/fs/cgroup");
  /** Beyond this {@code memory.limit_in_bytes} means no limit (the kernel shows 2^63 - 1 rounded down to a page). */
  static final long NO_MEMORY_LIMIT = Long.MAX_VALUE / 2;

  private CgroupUsage() {
  }

  /** Adds what the given cgroup directories tell (each may be null) to {@code into}. */
  public static ResourceStatistics.Builder read(Path memory, Path cpu, Path cpuacct, ResourceStatistics.Builder into) {
    if (cpuacct != null) {
      read(cpuacct.resolve("cpuacct.stat")).map(StatFiles::keyValues).ifPresent(ticks -> {
        if (ticks.containsKey("user") && ticks.containsKey("system")) {
          into.setCpusUserTimeSecs(ticks.get("user") / StatFiles.USER_HZ)
            .setCpusSystemTimeSecs(ticks.get("system") / StatFiles.USER_HZ);
        }
      });
    }
    if (cpu != null) {
      read(cpu.resolve("cpu.stat")).map(StatFiles::keyValues).ifPresent(stat -> {
        Optional.ofNullable(stat.get("nr_periods")).ifPresent(n -> into.setCpusNrPeriods(n.intValue()));
        Optional.ofNullable(stat.get("nr_throttled")).ifPresent(n -> into.setCpusNrThrottled(n.intValue()));
        Optional.ofNullable(stat.get("throttled_time")).ifPresent(ns -> into.setCpusThrottledTimeSecs(ns / 1e9));
      });
      Optional<Long> quota = number(cpu.resolve("cpu.cfs_quota_us"));
      Optional<Long> period = number(cpu.resolve("cpu.cfs_period_us"));
      // a quota of -1 is no limit
      if (quota.isPresent() && period.isPresent() && quota.get() > 0 && period.get() > 0) {
        into.setCpusLimit((double) quota.get() / period.get());
      }
    }
    if (memory != null) {
      number(memory.resolve("memory.usage_in_bytes")).ifPresent(into::setMemTotalBytes);
      number(memory.resolve("memory.limit_in_bytes")).filter(limit -> limit < NO_MEMORY_LIMIT)
        .ifPresent(into::setMemLimitBytes);
      read(memory.resolve("memory.stat")).map(StatFiles::keyValues).ifPresent(stat -> memoryStat(stat, into));
      read(memory.resolve("cgroup.procs")).ifPresent(procs -> into.setProcesses(StatFiles.lines(procs)));
      read(memory.resolve("tasks")).ifPresent(tasks -> into.setThreads(StatFiles.lines(tasks)));
    }
    return into;
  }

  /**
   * Adds what the cgroups of process {@code pid} tell (a container's main process: its engine made
   * them), found from {@code /proc/<pid>/cgroup}.
   */
  public static ResourceStatistics.Builder readOf(long pid, ResourceStatistics.Builder into) {
    Map<String, StatFiles.CgroupPath> paths = read(ProcessTreeUsage.PROC.resolve(Long.toString(pid)).resolve("cgroup"))
      .map(StatFiles::procCgroups).orElse(Map.of());
    return read(dir(paths, "memory"), dir(paths, "cpu"), dir(paths, "cpuacct"), into);
  }

  private static Path dir(Map<String, StatFiles.CgroupPath> paths, String controller) {
    StatFiles.CgroupPath path = paths.get(controller);
    return path == null ? null : ROOT.resolve(path.hierarchy()).resolve(path.path().replaceFirst("^/+", ""));
  }

  /** The hierarchical ({@code total_}) figures where the kernel gives them, as Mesos reads them. */
  static void memoryStat(Map<String, Long> stat, ResourceStatistics.Builder into) {
    stat(stat, "rss").ifPresent(into::setMemRssBytes);
    stat(stat, "cache").ifPresent(into::setMemCacheBytes);
    stat(stat, "mapped_file").ifPresent(into::setMemMappedFileBytes);
    // only with swap accounting
    stat(stat, "swap").ifPresent(into::setMemSwapBytes);
  }

  private static Optional<Long> stat(Map<String, Long> stat, String name) {
    return Optional.ofNullable(stat.getOrDefault("total_" + name, stat.get(name)));
  }

  private static Optional<Long> number(Path file) {
    return read(file).flatMap(content -> {
      try {
        return Optional.of(StatFiles.number(content));
      } catch (NumberFormatException unexpected) {
        return Optional.empty();
      }
    });
  }

  /** A file's contents, or nothing when it is not there (the cgroup went away, the kernel lacks it). */
  static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException | SecurityException gone) {
      return Optional.empty();
    }
  }
}
