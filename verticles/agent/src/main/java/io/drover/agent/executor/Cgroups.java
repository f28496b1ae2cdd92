package io.drover.agent.executor;

import io.drover.agent.usage.AllocatedLimits;
import io.drover.agent.usage.CgroupUsage;
import io.drover.protocol.ResourceLimits;
import io.drover.resources.Resources;
import org.apache.mesos.v1.Protos.ResourceStatistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Resource limits for command tasks through the cgroup v1 filesystem: each task gets a memory
 * cgroup ({@code memory.limit_in_bytes}) and a cpu cgroup ({@code cpu.shares} and a CFS quota)
 * under {@code drover/}, a cpuacct cgroup that accounts its cpu time (the same directory where
 * cpu and cpuacct share a hierarchy) and a freezer cgroup, and the task's wrapper joins them before the
 * command starts. The memory cgroup is the task's boundary: whatever runs in it ends with the task. Where the
 * cgroup filesystem is not there or not writable the agent runs tasks without limits and says why.
 * All methods block: call them off the event loop.
 */
public final class Cgroups {

  static final Path ROOT = CgroupUsage.ROOT;
  static final String PARENT = "drover";
  static final long CFS_PERIOD_US = 100_000;
  static final long MB = AllocatedLimits.MB;

  /** How many rounds of killing a cgroup's processes before giving up on one that keeps forking. */
  private static final Logger LOG = Logger.getLogger(Cgroups.class.getName());
  static final int KILL_ROUNDS = 100;
  /** How long a task's processes may take to leave its cgroups after it ended: 2 s. */
  static final int EXIT_WAIT_ROUNDS = 100;
  static final long EXIT_WAIT_MS = 20;

  private final Path memory;
  private final Path cpu;
  /** Null without a cpuacct hierarchy: cpu times then come from /proc. */
  private final Path cpuacct;
  /** Null without a freezer hierarchy: a task's processes are then killed without freezing them first. */
  private final Path freezer;
  private final String status;

  private Cgroups(Path memory, Path cpu, Path cpuacct, Path freezer, String status) {
    this.memory = memory;
    this.cpu = cpu;
    this.cpuacct = cpuacct;
    this.freezer = freezer;
    this.status = status;
  }

  /** Finds out whether this agent may set limits, and how. */
  public static Cgroups detect() {
    return detect(ROOT);
  }

  /** Cgroups under {@code root}, where the cgroup v1 hierarchies are mounted. */
  static Cgroups detect(Path root) {
    if (Files.exists(root.resolve("cgroup.controllers"))) {
      return disabled("cgroup v2 is not supported yet; tasks run without limits");
    }
    Path memory = root.resolve("memory");
    Path cpu = root.resolve("cpu");
    if (!Files.isDirectory(memory) || !Files.isDirectory(cpu)) {
      return disabled("no cgroup v1 memory and cpu hierarchies under " + root + "; tasks run without limits");
    }
    try {
      Files.createDirectories(memory.resolve(PARENT));
      Files.createDirectories(cpu.resolve(PARENT));
    } catch (IOException | SecurityException e) {
      return disabled("the cgroup filesystem is not writable (" + e.getMessage() + "); tasks run without limits");
    }
    return new Cgroups(memory.resolve(PARENT), cpu.resolve(PARENT), optional(root, "cpuacct"), optional(root, "freezer"),
      "cgroup v1: memory and cpu limits per task");
  }

  /** A hierarchy the agent uses where it is there: cpuacct (cpu times), freezer (kills that nothing escapes). */
  private static Path optional(Path root, String hierarchy) {
    try {
      return Files.isDirectory(root.resolve(hierarchy))
        ? Files.createDirectories(root.resolve(hierarchy).resolve(PARENT)) : null;
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  static Cgroups disabled(String why) {
    return new Cgroups(null, null, null, null, why);
  }

  public boolean enabled() {
    return memory != null;
  }

  /** What the agent says about isolation at start and in {@code /state}. */
  public String status() {
    return status;
  }

  /**
   * Creates the task's cgroups with its allocation as its limits; returns the directories its
   * wrapper must join, or none when limits are off.
   */
  List<Path> create(String name, Resources resources) throws IOException {
    return create(name, resources, ResourceLimits.NONE);
  }

  /**
   * Creates the task's cgroups: cpu shares by its allocation, the CFS quota and the memory limit by
   * {@code limits} beyond it (null: the allocation; unlimited: none). Returns the directories its
   * wrapper must join, or none when limits are off.
   */
  synchronized List<Path> create(String name, Resources resources, ResourceLimits limits) throws IOException {
    if (!enabled()) {
      return List.of();
    }
    Path mem = Files.createDirectories(memory.resolve(name));
    Path cpus = Files.createDirectories(cpu.resolve(name));
    // where cpu and cpuacct share a hierarchy both names lead to one directory, joined once
    LinkedHashSet<Path> joined = new LinkedHashSet<>(List.of(mem.toRealPath(), cpus.toRealPath()));
    if (cpuacct != null) {
      joined.add(Files.createDirectories(cpuacct.resolve(name)).toRealPath());
    }
    if (freezer != null) {
      joined.add(Files.createDirectories(freezer.resolve(name)).toRealPath());
    }
    ResourceLimits bounds = limits == null ? ResourceLimits.NONE : limits;
    double memLimit = bounds.memOver(resources.mem());
    if (Double.isInfinite(memLimit)) {
      // v1 reads -1 as no limit; memsw first, as it may never be below the memory limit
      writeIfPresent(mem.resolve("memory.memsw.limit_in_bytes"), "-1");
      Files.writeString(mem.resolve("memory.limit_in_bytes"), "-1");
    } else if (memLimit > 0) {
      long bytes = (long) (memLimit * MB);
      Path memsw = mem.resolve("memory.memsw.limit_in_bytes");
      // memsw may never be below the memory limit: a limit that grows (a framework executor's)
      // raises memsw first, one that is new or shrinks lowers the memory limit first
      if (Files.exists(memsw) && Long.parseLong(Files.readString(memsw).trim()) < bytes) {
        Files.writeString(memsw, Long.toString(bytes));
      }
      Files.writeString(mem.resolve("memory.limit_in_bytes"), Long.toString(bytes));
      writeIfPresent(memsw, Long.toString(bytes));
      writeIfPresent(mem.resolve("memory.swappiness"), "0");
    }
    if (resources.cpus() > 0) {
      Files.writeString(cpus.resolve("cpu.shares"), Long.toString(Math.max(2, (long) (resources.cpus() * 1024))));
      Files.writeString(cpus.resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_US));
      double cpuLimit = bounds.cpusOver(resources.cpus());
      Files.writeString(cpus.resolve("cpu.cfs_quota_us"), Double.isInfinite(cpuLimit) ? "-1"
        : Long.toString(Math.max(1_000, (long) (cpuLimit * CFS_PERIOD_US))));
    }
    return List.copyOf(joined);
  }

  /**
   * Adds what the task's cgroups tell of its usage to {@code into}; nothing when limits are off
   * or the task has none (a task recovered from before cpuacct was used has no cpu times here).
   */
  void usage(String name, ResourceStatistics.Builder into) {
    if (enabled()) {
      CgroupUsage.read(memory.resolve(name), cpu.resolve(name), cpuacct == null ? null : cpuacct.resolve(name), into);
    }
  }

  /** Whether the kernel's OOM killer ended a process of the task for exceeding its memory limit. */
  boolean memoryLimitHit(String name) {
    if (!enabled()) {
      return false;
    }
    try {
      for (String line : Files.readAllLines(memory.resolve(name).resolve("memory.oom_control"))) {
        String[] field = line.trim().split("\\s+");
        if (field.length == 2 && field[0].equals("oom_kill") && Long.parseLong(field[1]) > 0) {
          return true;
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      return false;
    }
    return false;
  }

  /** The task's memory limit as set, if any. */
  Optional<Long> memoryLimitBytes(String name) {
    try {
      return enabled() ? Optional.of(Long.parseLong(Files.readString(memory.resolve(name)
        .resolve("memory.limit_in_bytes")).trim())) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Kills every process in the task's cgroup, whatever session or process group it moved to (a
   * daemonized child too), as Mesos's cgroups isolator does: the cgroup is frozen so that nothing forks
   * meanwhile, each process gets SIGKILL, and the cgroup is thawed so that they die. Returns how many
   * processes were killed; 0 without cgroups.
   */
  int killAll(String name) {
    if (!enabled()) {
      return 0;
    }
    int killed = 0;
    for (int round = 0; round < KILL_ROUNDS; round++) {
      List<Long> pids = pids(memory.resolve(name));
      if (pids.isEmpty()) {
        break;
      }
      boolean frozen = setFreezer(name, "FROZEN");
      for (long pid : pids) {
        if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
          killed++;
        }
      }
      if (frozen) {
        setFreezer(name, "THAWED");
      }
      Thread.onSpinWait();
    }
    return killed;
  }

  /**
   * Kills everything in the cgroups of an agent that is gone (a cleanup or a reboot replaced it) and
   * removes them: what its tasks left, whatever their checkpoints say. Returns how many processes died.
   */
  public int clearAgent(String agentId) {
    if (!enabled() || !Files.isDirectory(memory.resolve(agentId))) {
      return 0;
    }
    int killed = 0;
    List<Path> hierarchies = hierarchies();
    try (var dirs = Files.walk(memory.resolve(agentId))) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
        String name = memory.relativize(dir).toString();
        killed += killAll(name);
        for (Path hierarchy : hierarchies) {
          try {
            Files.deleteIfExists(hierarchy.resolve(name));
          } catch (IOException stillInUse) {
            // a process is still exiting; the empty cgroup costs nothing
          }
        }
      }
    } catch (IOException unreadable) {
      // nothing more to find
    }
    return killed;
  }

  private static List<Long> pids(Path cgroup) {
    try {
      return Files.readAllLines(cgroup.resolve("cgroup.procs")).stream().filter(l -> !l.isBlank())
        .map(l -> Long.parseLong(l.trim())).toList();
    } catch (IOException | NumberFormatException gone) {
      return List.of();
    }
  }

  /** Freezes or thaws the task's cgroup and waits until the kernel has; false without a freezer. */
  private boolean setFreezer(String name, String state) {
    if (freezer == null || !Files.isDirectory(freezer.resolve(name))) {
      return false;
    }
    Path file = freezer.resolve(name).resolve("freezer.state");
    try {
      Files.writeString(file, state);
      for (int i = 0; i < KILL_ROUNDS && !Files.readString(file).trim().equals(state); i++) {
        Thread.onSpinWait();
      }
      return true;
    } catch (IOException unsupported) {
      return false;
    }
  }

  /**
   * Removes the task's cgroups once its processes are gone, and its framework's and agent's once
   * they are empty, so that tasks come and go without leaving directories behind. Killed processes
   * take a moment to leave, and the kernel keeps a cgroup that still has one: their exit is waited
   * for (briefly, and without the lock that launches need). Blocking.
   */
  void remove(String name) {
    if (!enabled()) {
      return;
    }
    for (int i = 0; i < EXIT_WAIT_ROUNDS && hierarchies().stream().anyMatch(h -> !pids(h.resolve(name)).isEmpty()); i++) {
      try {
        Thread.sleep(EXIT_WAIT_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    removeNow(name);
  }

  private synchronized void removeNow(String name) {
    for (Path hierarchy : hierarchies()) {
      Path dir = hierarchy.resolve(name);
      try {
        Files.deleteIfExists(dir);
      } catch (IOException stillInUse) {
        // a process outlived the wait: the agent's cleanup (or the next boot) takes the directory
        LOG.fine(() -> "cgroup " + dir + " still has a process; left in place");
        continue;
      }
      removeEmptyParents(hierarchy, dir);
    }
  }

  /**
   * Removes the directories between {@code dir} and {@code hierarchy} (not included), deepest
   * first, up to the first that is not empty: the kernel refuses to remove a cgroup with children
   * (a plain directory with entries likewise), so one still in use stays. Callers hold the lock that
   * {@link #create} holds, so no task's cgroup is created under a parent removed meanwhile.
   */
  static void removeEmptyParents(Path hierarchy, Path dir) {
    for (Path parent = dir.getParent(); parent != null && parent.startsWith(hierarchy) && !parent.equals(hierarchy);
         parent = parent.getParent()) {
      try {
        Files.deleteIfExists(parent);
      } catch (IOException inUse) {
        return;
      }
    }
  }

  private List<Path> hierarchies() {
    List<Path> hierarchies = new ArrayList<>(List.of(memory, cpu));
    if (cpuacct != null) {
      hierarchies.add(cpuacct);
    }
    if (freezer != null) {
      hierarchies.add(freezer);
    }
    return hierarchies;
  }

  private static void writeIfPresent(Path file, String value) {
    if (Files.exists(file)) {
      try {
        Files.writeString(file, value);
      } catch (IOException unsupported) {
        // the kernel refuses it (no swap accounting, for one): the plain limit still holds
      }
    }
  }
}
