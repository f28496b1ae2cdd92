package io.drover.mesos;

import io.drover.resources.Attributes;
import io.drover.resources.Range;
import io.drover.resources.RangeSet;
import io.drover.resources.Resources;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Drover's resources and attributes as Mesos's typed lists ({@code name}, {@code type},
 * {@code scalar}/{@code ranges}, unreserved role {@code *}), and a framework's resources back.
 */
public final class MesosResources {

  public static final String ANY_ROLE = "*";
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private MesosResources() {
  }

  public static List<Resource> toProto(Resources resources) {
    List<Resource> list = new ArrayList<>();
    for (Map.Entry<String, Double> scalar : resources.scalars().entrySet()) {
      list.add(Resource.newBuilder().setName(scalar.getKey()).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(scalar.getValue())).setRole(ANY_ROLE).build());
    }
    for (Map.Entry<String, RangeSet> ranges : resources.rangeSets().entrySet()) {
      list.add(Resource.newBuilder().setName(ranges.getKey()).setType(Value.Type.RANGES)
        .setRanges(ranges(ranges.getValue())).setRole(ANY_ROLE).build());
    }
    return list;
  }

  /**
   * Resources as an offer made for {@code role} carries them: each says the role it is allocated to,
   * and the reserved ones say their reservation, in both of Mesos's formats (a framework without
   * RESERVATION_REFINEMENT reads {@code role} and {@code reservation}, one with it reads
   * {@code reservations}).
   *
   * @param reserved the part of {@code resources} reserved for {@code role}
   * @param dynamic the part of {@code reserved} reserved through the master; the rest is static
   */
  public static List<Resource> offered(Resources resources, Resources reserved, Resources dynamic, String role) {
    Resource.AllocationInfo allocation = Resource.AllocationInfo.newBuilder().setRole(role).build();
    List<Resource> offered = new ArrayList<>(toProto(resources.minus(reserved)));
    offered.addAll(reserved(reserved.minus(dynamic), role, Resource.ReservationInfo.Type.STATIC));
    offered.addAll(reserved(dynamic, role, Resource.ReservationInfo.Type.DYNAMIC));
    return offered.stream().map(r -> r.toBuilder().setAllocationInfo(allocation).build()).toList();
  }

  private static List<Resource> reserved(Resources resources, String role, Resource.ReservationInfo.Type type) {
    Resource.ReservationInfo reservation = Resource.ReservationInfo.newBuilder().setType(type).setRole(role).build();
    return toProto(resources).stream().map(r -> {
      Resource.Builder builder = r.toBuilder().setRole(role).addReservations(reservation);
      return type == Resource.ReservationInfo.Type.DYNAMIC
        ? builder.setReservation(Resource.ReservationInfo.getDefaultInstance()).build() : builder.build();
    }).toList();
  }

  /** The part of a framework's resources that names a reservation, in either of Mesos's formats. */
  public static Resources reserved(List<Resource> resources) {
    return fromProto(resources.stream().filter(MesosResources::isReserved).toList());
  }

  /**
   * The one role these resources are reserved for (the last of a refined reservation's roles), for
   * an operator's RESERVE_RESOURCES and UNRESERVE_RESOURCES.
   *
   * @throws IllegalArgumentException when some are not reserved, or reserved for different roles
   */
  public static String reservationRole(List<Resource> resources) {
    Set<String> roles = new TreeSet<>();
    for (Resource resource : resources) {
      String role = resource.getReservationsCount() > 0
        ? resource.getReservations(resource.getReservationsCount() - 1).getRole() : resource.getRole();
      if (ANY_ROLE.equals(role) || role.isEmpty()) {
        throw new IllegalArgumentException("resource " + resource.getName() + " names no role to reserve it for");
      }
      roles.add(role);
    }
    if (roles.size() != 1) {
      throw new IllegalArgumentException("the resources must name one role, not " + roles);
    }
    return roles.iterator().next();
  }

  private static boolean isReserved(Resource resource) {
    return resource.getReservationsCount() > 0 || resource.hasReservation() || !ANY_ROLE.equals(resource.getRole());
  }

  /**
   * The resources a framework names for a task, summed by name.
   *
   * @throws IllegalArgumentException naming what Drover cannot take: a volume, a revocable, shared
   *     or resource provider's resource, a set, a negative or duplicate range
   */
  public static Resources fromProto(List<Resource> resources) {
    Resources sum = Resources.EMPTY;
    for (Resource resource : resources) {
      if (resource.hasDisk() || resource.hasRevocable() || resource.hasShared() || resource.hasProviderId()) {
        throw new IllegalArgumentException("resource " + resource.getName()
          + " is a volume, revocable, shared or of a resource provider, which Drover does not offer");
      }
      Resources.Builder one = Resources.builder();
      switch (resource.getType()) {
        case SCALAR -> one.scalar(resource.getName(), resource.getScalar().getValue());
        case RANGES -> one.ranges(resource.getName(), rangeSet(resource.getName(), resource.getRanges()));
        default -> throw new IllegalArgumentException("resource " + resource.getName() + " is of type "
          + resource.getType() + "; Drover offers scalars and ranges");
      }
      Resources next = one.build();
      for (String name : next.rangeSets().keySet()) {
        if (sum.ranges(name).plus(next.ranges(name)).size() < sum.ranges(name).size() + next.ranges(name).size()) {
          throw new IllegalArgumentException("resource " + name + " names a value twice");
        }
      }
      sum = sum.plus(next);
    }
    return sum;
  }

  /**
   * Attributes typed as Mesos parses them from an agent's {@code --attributes}: a number is a
   * scalar, {@code [a-b,...]} ranges, {@code {x,y}} a set, anything else text.
   */
  public static List<Attribute> toProto(Attributes attributes) {
    List<Attribute> list = new ArrayList<>();
    attributes.asMap().forEach((name, value) -> list.add(attribute(name, value)));
    return list;
  }

  private static Attribute attribute(String name, String value) {
    Attribute.Builder attribute = Attribute.newBuilder().setName(name);
    if (NUMBER.matcher(value).matches()) {
      return attribute.setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(Double.parseDouble(value))).build();
    }
    if (value.startsWith("[") && value.endsWith("]")) {
      try {
        return attribute.setType(Value.Type.RANGES).setRanges(ranges(RangeSet.parse(value))).build();
      } catch (IllegalArgumentException notRanges) {
        // then it is text, as Mesos would have read it
      }
    }
    if (value.startsWith("{") && value.endsWith("}")) {
      Value.Set.Builder set = Value.Set.newBuilder();
      for (String item : value.substring(1, value.length() - 1).split(",")) {
        if (!item.isBlank()) {
          set.addItem(item.strip());
        }
      }
      return attribute.setType(Value.Type.SET).setSet(set).build();
    }
    return attribute.setType(Value.Type.TEXT).setText(Value.Text.newBuilder().setValue(value)).build();
  }

  private static Value.Ranges ranges(RangeSet set) {
    Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
    set.ranges().forEach(r -> ranges.addRange(Value.Range.newBuilder().setBegin(r.begin()).setEnd(r.end())));
    return ranges.build();
  }

  private static RangeSet rangeSet(String name, Value.Ranges ranges) {
    List<Range> list = new ArrayList<>();
    long count = 0;
    for (Value.Range range : ranges.getRangeList()) {
      if (range.getBegin() < 0 || range.getEnd() < range.getBegin()) {
        throw new IllegalArgumentException("resource " + name + " has an invalid range [" + range.getBegin() + "-"
          + range.getEnd() + "]");
      }
      list.add(new Range(range.getBegin(), range.getEnd()));
      count += range.getEnd() - range.getBegin() + 1;
    }
    RangeSet set = RangeSet.ofRanges(list);
    if (set.size() != count) {
      throw new IllegalArgumentException("resource " + name + " has overlapping ranges");
    }
    return set;
  }
}
