package io.drover.agent.usage;

import io.drover.resources.Resources;
import org.apache.mesos.v1.Protos.ResourceStatistics;

/**
 * A task's allocation as its limits where no cgroup file says what is enforced: Mesos's
 * containerizer reports {@code cpus_limit} and {@code mem_limit_bytes} from the allocation
 * whatever its isolation does, so tools read them as "what the task was given".
 */
public final class AllocatedLimits {

  public static final long MB = 1024 * 1024;

  private AllocatedLimits() {
  }

  /** Sets the limits {@code into} lacks from the task's resources. */
  public static ResourceStatistics.Builder fillIn(Resources allocated, ResourceStatistics.Builder into) {
    if (!into.hasCpusLimit() && allocated.cpus() > 0) {
      into.setCpusLimit(allocated.cpus());
    }
    if (!into.hasMemLimitBytes() && allocated.mem() > 0) {
      into.setMemLimitBytes((long) (allocated.mem() * MB));
    }
    return into;
  }
}
