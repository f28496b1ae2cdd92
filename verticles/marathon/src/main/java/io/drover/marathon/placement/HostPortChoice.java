package io.drover.marathon.placement;

import io.drover.resources.RangeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.stream.Collectors;

/**
 * The host ports of one task chosen from an offer's ports, or why the offer has not got them.
 *
 * <p>A required (non-zero) port must be in the offer. Each dynamic (zero) port gets the lowest port
 * that is free and not required by the same task: the choice is then a pure function of the offer,
 * so tests and replays see the same ports, and tasks packed into one offer never collide because
 * each match takes its ports out of what the next one sees. Marathon picks randomly instead, to
 * spread over stale offers; Drover's offers are exclusive to one framework while outstanding, so
 * that buys nothing here.
 *
 * @param taken     the ports to take, as ranges
 * @param hostPorts the port of each wanted entry, in order
 * @param refusal   null when the ports fit
 */
record HostPortChoice(RangeSet taken, List<Integer> hostPorts, String refusal) {

  static HostPortChoice choose(List<Integer> wanted, RangeSet offered) {
    RangeSet required = RangeSet.of(wanted.stream().filter(p -> p != 0).mapToLong(p -> p).toArray());
    RangeSet missing = required.minus(offered);
    if (!missing.isEmpty()) {
      String ports = missing.values().mapToObj(Long::toString).collect(Collectors.joining(", "));
      String noun = missing.size() == 1 ? "port " : "ports ";
      return refused("needs " + noun + ports + ", offers " + offered);
    }
    long dynamicCount = wanted.stream().filter(p -> p == 0).count();
    RangeSet free = offered.minus(required);
    if (free.size() < dynamicCount) {
      return refused("needs " + dynamicCount + " ports, offers " + free.size() + " " + free);
    }
    RangeSet dynamic = free.take((int) dynamicCount);
    PrimitiveIterator.OfLong next = dynamic.values().iterator();
    List<Integer> hostPorts = new ArrayList<>(wanted.size());
    for (int port : wanted) {
      hostPorts.add(port != 0 ? port : (int) next.nextLong());
    }
    return new HostPortChoice(required.plus(dynamic), List.copyOf(hostPorts), null);
  }

  private static HostPortChoice refused(String words) {
    return new HostPortChoice(RangeSet.EMPTY, List.of(), words);
  }

  boolean fits() {
    return refusal == null;
  }
}
