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

  /** Resources as an offer made for {@code role} carries them: each says the role it is allocated to. */
  public static List<Resource> offered(Resources resources, String role) {
    Resource.AllocationInfo allocation = Resource.AllocationInfo.newBuilder().setRole(role).build();
    return toProto(resources).stream().map(r -> r.toBuilder().setAllocationInfo(allocation).build()).toList();
  }

  /**
   * The resources a framework names for a task, summed by name.
   *
   * @throws IllegalArgumentException naming what Drover cannot take: a reservation (roles other
   *     than {@code *}), a set, a negative or duplicate range
   */
  public static Resources fromProto(List<Resource> resources) {
    Resources sum = Resources.EMPTY;
    for (Resource resource : resources) {
      boolean reserved = resource.getReservationsCount() > 0 || resource.hasReservation()
        || !ANY_ROLE.equals(resource.getRole());
      if (reserved || resource.hasDisk() || resource.hasRevocable() || resource.hasShared()
        || resource.hasProviderId()) {
        throw new IllegalArgumentException("resource " + resource.getName()
          + " is reserved, a volume, revocable, shared or of a resource provider, which Drover does not offer");
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
