package io.drover.it.bench;

import io.drover.allocator.AgentSlot;
import io.drover.allocator.Allocation;
import io.drover.allocator.AllocationSnapshot;
import io.drover.allocator.Allocator;
import io.drover.allocator.AllocatorSettings;
import io.drover.allocator.DeclineFilter;
import io.drover.allocator.FrameworkDemand;
import io.drover.resources.Resources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * S2: one allocation cycle of the master's allocator (a JMH benchmark; {@code scripts/bench.sh S2}),
 * in the spirit of Mesos's {@code HierarchicalAllocator_BENCHMARK_Test.DeclineOffers}: every agent
 * half used, and each agent already declined by {@code filtersPerAgent} frameworks with a filter
 * that has not expired, so the allocator must pass over them to reach one that still wants it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AllocatorBenchmark {

  static final long NOW = 1_000_000_000L;

  @Param({"10000"})
  public int agents;
  @Param({"1", "1000"})
  public int frameworks;
  @Param({"50"})
  public int filtersPerAgent;

  private AllocationSnapshot snapshot;
  private Allocator allocator;

  @Setup
  public void setUp() {
    Resources total = Resources.parse("cpus:8;mem:16384;disk:102400;ports:[31000-32999]");
    Resources used = Resources.parse("cpus:4;mem:8192;disk:51200");
    List<AgentSlot> slots = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      slots.add(new AgentSlot("agent-" + i, "host-" + i, total, used, true));
    }
    List<FrameworkDemand> demands = new ArrayList<>();
    for (int i = 0; i < frameworks; i++) {
      demands.add(new FrameworkDemand("framework-" + i, true, false,
        Resources.parse("cpus:" + (4.0 * agents / frameworks) + ";mem:" + (8192.0 * agents / frameworks))));
    }
    List<DeclineFilter> filters = new ArrayList<>();
    int declining = frameworks > 1 ? Math.min(filtersPerAgent, frameworks - 1) : 0;
    Random random = new Random(7);
    for (int i = 0; i < agents; i++) {
      for (int f = 0; f < declining; f++) {
        filters.add(new DeclineFilter("framework-" + random.nextInt(frameworks), "agent-" + i, NOW + 3_600_000));
      }
    }
    snapshot = new AllocationSnapshot(slots, demands, List.of(), filters, NOW);
    allocator = new Allocator(AllocatorSettings.defaults(), new Random(42));
  }

  @Benchmark
  public Allocation allocate() {
    return allocator.allocate(snapshot);
  }

  int filters() {
    return snapshot.filters().size();
  }
}
