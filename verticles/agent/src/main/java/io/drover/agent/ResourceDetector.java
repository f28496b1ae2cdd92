package io.drover.agent;

import io.drover.resources.RangeSet;
import io.drover.resources.Resources;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this machine offers when no {@code --resources} is given, as Mesos computes it: all cpus,
 * memory less what the system keeps (1 GiB, or half on small machines), the work directory's disk
 * less 5 GiB (or half), and ports 31000-32000.
 */
final class ResourceDetector {

  static final long MB = 1024 * 1024;
  static final long MEM_KEPT_MB = 1024;
  static final long DISK_KEPT_MB = 5 * 1024;
  static final RangeSet DEFAULT_PORTS = RangeSet.parse("[31000-32000]");

  private ResourceDetector() {
  }

  static Resources detect(Path workDir) {
    int cpus = Runtime.getRuntime().availableProcessors();
    long memMb = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
      .getTotalMemorySize() / MB;
    long diskMb = 0;
    try {
      Files.createDirectories(workDir);
      diskMb = Files.getFileStore(workDir).getTotalSpace() / MB;
    } catch (IOException e) {
      // no disk to offer then
    }
    return Resources.of(cpus, keep(memMb, MEM_KEPT_MB), keep(diskMb, DISK_KEPT_MB), DEFAULT_PORTS);
  }

  /**
   * Share {@code index} of {@code count} agents running on one machine: each gets an equal part, and
   * its own slice of the ports, so that their tasks never collide.
   */
  static Resources share(Resources machine, int index, int count) {
    if (count <= 1) {
      return machine;
    }
    RangeSet ports = machine.ports();
    long perAgent = ports.size() / count;
    RangeSet mine = ports.minus(ports.take((int) (perAgent * index))).take((int) perAgent);
    return Resources.of(machine.cpus() / count, Math.floor(machine.mem() / count),
      Math.floor(machine.disk() / count), mine);
  }

  private static long keep(long total, long kept) {
    return total >= 2 * kept ? total - kept : total / 2;
  }
}
