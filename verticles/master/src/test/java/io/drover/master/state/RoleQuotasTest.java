package io.drover.master.state;

import io.drover.allocator.RoleQuota;
import io.drover.resources.Resources;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoleQuotasTest {

  private static final Resources CLUSTER = Resources.parse("cpus:4;mem:4096;ports:[31000-31999]");

  private static RoleQuota quota(String guarantees, String limits) {
    return new RoleQuota(Resources.parse(guarantees), Resources.parse(limits));
  }

  private static String problem(Map<String, RoleQuota> updates, boolean force) {
    return RoleQuotas.problem(updates, force, Map.of(), CLUSTER, Map.of("eng/web", Resources.parse("cpus:2;mem:512")));
  }

  @Test
  void acceptsGuaranteesWithinTheClusterAndLimitsAboveThem() {
    assertThat(problem(Map.of("db", quota("cpus:3;mem:1024", "cpus:4")), false)).isNull();
    assertThat(problem(Map.of("eng", quota("", "cpus:2")), false)).isNull();
  }

  @Test
  void refusesWhatMesosRefuses() {
    assertThat(problem(Map.of("*", quota("cpus:1", "")), false)).contains("default role '*' cannot have a quota");
    assertThat(problem(Map.of("a//b", quota("cpus:1", "")), false)).contains("'//'");
    assertThat(problem(Map.of("db", quota("cpus:3", "cpus:2")), false))
      .isEqualTo("Invalid QuotaConfig: role 'db': guarantees 'cpus:3' exceed limits 'cpus:2'");
    assertThat(problem(Map.of("db", quota("ports:[1-2]", "")), false)).contains("scalar resources only");
  }

  @Test
  void guaranteesBeyondTheClusterNeedForceAndOnlyTopmostOnesAddUp() {
    // 3 + 2 cpus of 4
    assertThat(problem(Map.of("db", quota("cpus:3", ""), "web", quota("cpus:2", "")), false))
      .isEqualTo("Total quota guarantees 'cpus:5' exceed the cluster's capacity 'cpus:4;mem:4096' "
        + "(use 'force' to override)");
    assertThat(problem(Map.of("db", quota("cpus:3", ""), "web", quota("cpus:2", "")), true)).isNull();
    // eng/web's guarantee is within eng's: 3 cpus in all
    assertThat(problem(Map.of("eng", quota("cpus:3", ""), "eng/web", quota("cpus:2", "")), false)).isNull();
  }

  @Test
  void aLimitBelowWhatTheSubtreeHoldsNeedsForce() {
    // eng/web holds 2 cpus
    assertThat(problem(Map.of("eng", quota("", "cpus:1")), false))
      .isEqualTo("Invalid QuotaConfig: role 'eng' holds 'cpus:2;mem:512', more than its new limits 'cpus:1' "
        + "(use 'force' to override)");
    assertThat(problem(Map.of("eng", quota("", "cpus:1")), true)).isNull();
  }

  @Test
  void anEmptyQuotaRemovesTheRolesAndTheyRoundTripThroughJson() {
    RoleQuotas quotas = new RoleQuotas();
    quotas.update(Map.of("db", quota("cpus:1", "cpus:2"), "web", quota("", "mem:512")));
    quotas.update(Map.of("web", quota("", "")));

    assertThat(quotas.all()).containsOnlyKeys("db");
    assertThat(RoleQuotas.fromJson(RoleQuotas.toJson(quotas.all()))).isEqualTo(quotas.all());
  }
}
