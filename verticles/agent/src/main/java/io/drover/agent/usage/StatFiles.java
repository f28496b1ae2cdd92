package io.drover.agent.usage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsers of the kernel's accounting files, fed with their contents: cgroup v1 files
 * ({@code cpuacct.stat}, {@code cpu.stat}, {@code memory.stat}, single numbers, {@code cgroup.procs})
 * and {@code /proc/<pid>/stat}, {@code /proc/<pid>/status}, {@code /proc/<pid>/cgroup}. Nothing here
 * reads a file.
 */
public final class StatFiles {

  /**
   * The kernel reports cpu times in USER_HZ ticks, which Linux fixes at 100 per second on every
   * architecture it exports to user space ({@code getconf CLK_TCK}); Java cannot ask sysconf.
   */
  public static final double USER_HZ = 100.0;

  private StatFiles() {
  }

  /** {@code key value} lines ({@code cpuacct.stat}, {@code cpu.stat}, {@code memory.stat}); others are skipped. */
  public static Map<String, Long> keyValues(String content) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : content.split("\n")) {
      String[] field = line.trim().split("\\s+");
      if (field.length == 2) {
        try {
          values.put(field[0], Long.parseLong(field[1]));
        } catch (NumberFormatException notANumber) {
          // a line of another shape (a newer kernel's); not one we read
        }
      }
    }
    return values;
  }

  /** A file holding one number ({@code memory.usage_in_bytes}, {@code cpu.cfs_quota_us}). */
  public static long number(String content) {
    return Long.parseLong(content.trim());
  }

  /** How many ids a {@code cgroup.procs} or {@code tasks} file lists. */
  public static int lines(String content) {
    int count = 0;
    for (String line : content.split("\n")) {
      if (!line.isBlank()) {
        count++;
      }
    }
    return count;
  }

  /** The fields of {@code /proc/<pid>/stat} that usage needs; times in USER_HZ ticks. */
  public record ProcStat(long pid, long session, long userTicks, long systemTicks, long childUserTicks,
                         long childSystemTicks, long threads) {
  }

  /**
   * Parses {@code /proc/<pid>/stat}. The command name (field 2) is in parentheses and may hold
   * spaces and parentheses itself, so the fields are counted from the last {@code ')'}.
   */
  public static ProcStat procStat(String content) {
    int open = content.indexOf('(');
    int close = content.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + content);
    }
    long pid = Long.parseLong(content.substring(0, open).trim());
    // rest[0] is field 3 (state); field n is rest[n - 3]
    String[] rest = content.substring(close + 1).trim().split("\\s+");
    if (rest.length < 18) {
      throw new IllegalArgumentException("a /proc/<pid>/stat line with " + (rest.length + 2) + " fields");
    }
    return new ProcStat(pid, Long.parseLong(rest[6 - 3]), Long.parseLong(rest[14 - 3]),
      Long.parseLong(rest[15 - 3]), Long.parseLong(rest[16 - 3]), Long.parseLong(rest[17 - 3]),
      Long.parseLong(rest[20 - 3]));
  }

  /** Resident memory from {@code /proc/<pid>/status} ({@code VmRSS: n kB}); 0 for a process without any (a zombie). */
  public static long residentBytes(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] field = line.substring("VmRSS:".length()).trim().split("\\s+");
        return Long.parseLong(field[0]) * 1024;
      }
    }
    return 0;
  }

  /**
   * The cgroup v1 hierarchies a process is in, from {@code /proc/<pid>/cgroup}: each controller
   * ({@code memory}, {@code cpuacct}, ...) to its hierarchy's mount name ({@code cpu,cpuacct} when
   * they share one) and the path inside it.
   */
  public static Map<String, CgroupPath> procCgroups(String content) {
    Map<String, CgroupPath> paths = new LinkedHashMap<>();
    for (String line : content.split("\n")) {
      String[] field = line.trim().split(":", 3);
      if (field.length < 3 || field[1].isEmpty()) {
        // the cgroup v2 line (0::/path) names no controller
        continue;
      }
      for (String controller : field[1].split(",")) {
        paths.put(controller, new CgroupPath(field[1], field[2]));
      }
    }
    return paths;
  }

  /** Where a process's cgroup lies: {@code /sys/fs/cgroup/<hierarchy><path>}. */
  public record CgroupPath(String hierarchy, String path) {
  }
}
