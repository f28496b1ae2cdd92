package io.drover.agent.usage;

import org.apache.mesos.v1.Protos.ResourceStatistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A task's usage from {@code /proc} when it has no cgroup of its own (an agent without isolation),
 * as Mesos's posix isolators read it: every process of the task's session (the task's wrapper
 * leads one, {@code setsid}), summed. Cpu times count each live process's own time plus what its
 * ended children left it ({@code cutime}, {@code cstime}), so work of short-lived children is kept
 * as long as the process that waited for them lives. Blocking.
 */
public final class ProcessTreeUsage {

  public static final Path PROC = Path.of("/proc");

  private ProcessTreeUsage() {
  }

  /**
   * Sets the figures {@code into} does not have yet (cpu times, resident memory, processes,
   * threads) from the processes of {@code session} under {@code proc}; none when none is left.
   */
  public static ResourceStatistics.Builder fillIn(Path proc, long session, ResourceStatistics.Builder into) {
    if (into.hasCpusUserTimeSecs() && into.hasMemRssBytes() && into.hasProcesses()) {
      // the cgroups told everything: no walk through every process of the machine
      return into;
    }
    long user = 0;
    long system = 0;
    long resident = 0;
    int processes = 0;
    long threads = 0;
    for (Path dir : processes(proc)) {
      Optional<StatFiles.ProcStat> stat = CgroupUsage.read(dir.resolve("stat")).flatMap(ProcessTreeUsage::parse);
      if (stat.isEmpty() || stat.get().session() != session) {
        continue;
      }
      StatFiles.ProcStat p = stat.get();
      user += p.userTicks() + p.childUserTicks();
      system += p.systemTicks() + p.childSystemTicks();
      threads += p.threads();
      processes++;
      resident += CgroupUsage.read(dir.resolve("status")).map(StatFiles::residentBytes).orElse(0L);
    }
    if (processes == 0) {
      return into;
    }
    if (!into.hasCpusUserTimeSecs()) {
      into.setCpusUserTimeSecs(user / StatFiles.USER_HZ).setCpusSystemTimeSecs(system / StatFiles.USER_HZ);
    }
    if (!into.hasMemRssBytes()) {
      into.setMemRssBytes(resident);
    }
    if (!into.hasProcesses()) {
      into.setProcesses(processes).setThreads((int) threads);
    }
    return into;
  }

  private static Optional<StatFiles.ProcStat> parse(String stat) {
    try {
      return Optional.of(StatFiles.procStat(stat));
    } catch (IllegalArgumentException unexpected) {
      return Optional.empty();
    }
  }

  private static List<Path> processes(Path proc) {
    try (Stream<Path> entries = Files.list(proc)) {
      return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
