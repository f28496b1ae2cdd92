package io.drover.marathon.placement;

import io.drover.resources.Resources;
import java.util.List;

/**
 * One task fits the offer.
 *
 * @param resources what to take from the offer: cpus, mem, disk and the chosen host ports
 * @param hostPorts the chosen host ports in the app's port order, one per entry of {@code
 *     AppDefinition.hostPorts()}
 */
public record Match(String agentId, String hostname, Resources resources, List<Integer> hostPorts)
    implements MatchResult {

  public Match {
    hostPorts = List.copyOf(hostPorts);
  }
}
