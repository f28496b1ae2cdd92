package io.drover.agent.executor;

import io.drover.protocol.ResourceLimits;
import io.drover.resources.Resources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout {@code drover/<agent>/<framework>/<task>} in each hierarchy, on plain directories
 * standing in for a cgroup v1 mount: a directory with entries refuses removal, as a cgroup with
 * children does. Limits are written to plain files there.
 */
class CgroupsTest {

  static final List<String> HIERARCHIES = List.of("memory", "cpu", "cpuacct", "freezer");

  @TempDir
  Path root;

  private Cgroups cgroups;

  @BeforeEach
  void mount() throws Exception {
    for (String hierarchy : HIERARCHIES) {
      Files.createDirectories(root.resolve(hierarchy));
    }
    cgroups = Cgroups.detect(root);
    assertThat(cgroups.enabled()).as(cgroups.status()).isTrue();
  }

  private void assertInEveryHierarchy(String name, boolean exists) {
    for (String hierarchy : HIERARCHIES) {
      assertThat(Files.isDirectory(root.resolve(hierarchy).resolve(Cgroups.PARENT).resolve(name)))
        .as(hierarchy + "/drover/" + name + " exists").isEqualTo(exists);
    }
  }

  @Test
  void theLastTaskOfAFrameworkTakesItsFrameworkAndAgentDirectoriesWithIt() throws Exception {
    cgroups.create("a1/fw1/t1", Resources.EMPTY);
    cgroups.create("a1/fw1/t2", Resources.EMPTY);
    cgroups.create("a1/fw2/t3", Resources.EMPTY);

    cgroups.remove("a1/fw1/t1");
    assertInEveryHierarchy("a1/fw1/t1", false);
    assertInEveryHierarchy("a1/fw1", true); // t2 is still in it

    cgroups.remove("a1/fw1/t2");
    assertInEveryHierarchy("a1/fw1", false);
    assertInEveryHierarchy("a1", true); // fw2 still has t3

    cgroups.remove("a1/fw2/t3");
    assertInEveryHierarchy("a1", false);
    assertInEveryHierarchy("", true); // drover/ itself stays, shared by every agent of the machine
  }

  @Test
  void aTaskCgroupStillInUseKeepsItsParents() throws Exception {
    cgroups.create("a1/fw1/t1", Resources.EMPTY);
    // a process still exiting: the kernel refuses the rmdir, as a non-empty directory does here
    Files.createDirectory(root.resolve("memory/drover/a1/fw1/t1/busy"));

    cgroups.remove("a1/fw1/t1");
    assertThat(root.resolve("memory/drover/a1/fw1/t1")).isDirectory();
    assertThat(root.resolve("cpu/drover/a1")).doesNotExist();

    // a new task of the same framework comes after the others were pruned
    cgroups.create("a1/fw1/t2", Resources.EMPTY);
    assertInEveryHierarchy("a1/fw1/t2", true);
  }

  @Test
  void sharesFollowTheAllocationAndTheHardLimitsTheTasksLimitsBeyondIt() throws Exception {
    Resources asked = Resources.parse("cpus:0.5;mem:64");
    cgroups.create("a1/fw1/held", asked);
    cgroups.create("a1/fw1/roomy", asked, new ResourceLimits(2.0, 256.0));
    cgroups.create("a1/fw1/free", asked, new ResourceLimits(ResourceLimits.UNLIMITED, ResourceLimits.UNLIMITED));

    assertThat(limit("memory", "held", "memory.limit_in_bytes")).isEqualTo(String.valueOf(64L * 1024 * 1024));
    assertThat(limit("cpu", "held", "cpu.cfs_quota_us")).isEqualTo("50000");
    assertThat(limit("memory", "roomy", "memory.limit_in_bytes")).isEqualTo(String.valueOf(256L * 1024 * 1024));
    assertThat(limit("cpu", "roomy", "cpu.cfs_quota_us")).isEqualTo("200000");
    assertThat(limit("memory", "free", "memory.limit_in_bytes")).isEqualTo("-1");
    assertThat(limit("cpu", "free", "cpu.cfs_quota_us")).isEqualTo("-1");
    for (String task : List.of("held", "roomy", "free")) {
      assertThat(limit("cpu", task, "cpu.shares")).as(task).isEqualTo("512");
    }
  }

  private String limit(String hierarchy, String task, String file) throws Exception {
    return Files.readString(root.resolve(hierarchy).resolve(Cgroups.PARENT).resolve("a1/fw1").resolve(task).resolve(file))
      .trim();
  }
}
