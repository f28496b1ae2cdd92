package io.drover.marathon.core;

import io.drover.marathon.app.PathId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceRolesTest {

  @Test
  void anAppOfTheRootGroupHasMarathonsRole() {
    ServiceRoles roles = ServiceRoles.of(PathId.parse("/web"), "marathon", group -> false, "old");
    assertThat(roles.valid()).containsExactly("marathon");
    assertThat(roles.resolve(null).role()).isEqualTo("marathon");
    assertThat(roles.resolve("dev").problem()).isEqualTo("got role 'dev', expected one of [marathon]");
  }

  @Test
  void anAppOfATopLevelGroupMayHaveTheGroupsRoleTooAndMustWhenItIsEnforced() {
    ServiceRoles free = ServiceRoles.of(PathId.parse("/dev/api/web"), "*", group -> false, null);
    assertThat(free.valid()).containsExactly("*", "dev");
    assertThat(free.resolve(null).role()).isEqualTo("*");
    assertThat(free.resolve("dev").role()).isEqualTo("dev");

    ServiceRoles enforced = ServiceRoles.of(PathId.parse("/dev/web"), "*", PathId.parse("/dev")::equals, null);
    assertThat(enforced.valid()).containsExactly("dev");
    assertThat(enforced.resolve(null).role()).isEqualTo("dev");
    assertThat(enforced.resolve("*").problem()).contains("expected one of [dev]");
  }

  @Test
  void anAppKeepsTheRoleItHas() {
    ServiceRoles roles = ServiceRoles.of(PathId.parse("/dev/web"), "*", PathId.parse("/dev")::equals, "*");
    assertThat(roles.resolve("*").role()).isEqualTo("*");
    assertThat(roles.resolve(null).role()).isEqualTo("dev");
  }
}
