package io.drover.marathon.placement;

import static io.drover.marathon.placement.Fixtures.app;
import static io.drover.marathon.placement.Fixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.marathon.app.AppDefinition;
import io.drover.resources.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferMatcherTest {

  private final OfferMatcher matcher = new OfferMatcher();

  @Test
  void takesExactlyWhatTheAppNeeds() {
    AppDefinition app = app("cpus:1;mem:128;disk:10").build();
    AgentOffer offer = offer("a1", "host-1", "cpus:4;mem:1024;disk:100");

    Match match = (Match) matcher.match(app, offer, List.of());

    assertThat(match.resources()).isEqualTo(Resources.parse("cpus:1;mem:128;disk:10"));
    assertThat(match.hostPorts()).isEmpty();
    assertThat(match.agentId()).isEqualTo("a1");
  }

  @Test
  void anOfferHoldingExactlyEnoughFits() {
    AppDefinition app = app("cpus:1.5;mem:128").build();

    assertThat(matcher.match(app, offer("a1", "host-1", "cpus:1.5;mem:128"), List.of())).isInstanceOf(Match.class);
  }

  @Test
  void tooFewCpus() {
    Rejection rejection = reject(app("cpus:2;mem:128"), "cpus:1.5;mem:1024");

    assertThat(rejection.reasons()).containsExactly(RejectReason.InsufficientCpus);
    assertThat(rejection.message()).isEqualTo("agent a1 (host-1): needs 2 cpus, offers 1.5");
  }

  @Test
  void tooLittleMemory() {
    Rejection rejection = reject(app("cpus:1;mem:256"), "cpus:4;mem:128");

    assertThat(rejection.reasons()).containsExactly(RejectReason.InsufficientMemory);
    assertThat(rejection.message()).isEqualTo("agent a1 (host-1): needs 256 MB of memory, offers 128");
  }

  @Test
  void tooLittleDisk() {
    Rejection rejection = reject(app("cpus:1;mem:128;disk:100"), "cpus:4;mem:1024;disk:50");

    assertThat(rejection.reasons()).containsExactly(RejectReason.InsufficientDisk);
    assertThat(rejection.message()).isEqualTo("agent a1 (host-1): needs 100 MB of disk, offers 50");
  }

  @Test
  void everyShortfallIsNamedAndTheFunnelPicksTheFirst() {
    Rejection rejection = reject(app("cpus:2;mem:256;disk:10").ports(0), "cpus:1;mem:128");

    assertThat(rejection.reasons()).containsExactly(RejectReason.InsufficientCpus,
        RejectReason.InsufficientMemory, RejectReason.InsufficientDisk, RejectReason.InsufficientPorts);
    assertThat(rejection.reason()).isEqualTo(RejectReason.InsufficientCpus);
    assertThat(rejection.details()).hasSize(4);
  }

  @Test
  void dynamicPortsAreTheLowestFree() {
    Match match = accept(app("cpus:1;mem:128").ports(0, 0), "cpus:4;mem:1024;ports:[31000-31010]");

    assertThat(match.hostPorts()).containsExactly(31000, 31001);
    assertThat(match.resources()).isEqualTo(Resources.parse("cpus:1;mem:128;ports:[31000-31001]"));
  }

  @Test
  void dynamicPortsSkipHolesInTheOffer() {
    Match match = accept(app("cpus:1;mem:128").ports(0, 0, 0), "cpus:4;mem:1024;ports:[31000,31005-31010]");

    assertThat(match.hostPorts()).containsExactly(31000, 31005, 31006);
    assertThat(match.resources().ports().toString()).isEqualTo("[31000-31000,31005-31006]");
  }

  @Test
  void requiredPortsAreTakenAsGivenInTheAppsOrder() {
    Match match = accept(app("cpus:1;mem:128").ports(8080, 0).requirePorts(),
        "cpus:4;mem:1024;ports:[8080,31000-31001]");

    assertThat(match.hostPorts()).containsExactly(8080, 31000);
    assertThat(match.resources().ports().toString()).isEqualTo("[8080-8080,31000-31000]");
  }

  @Test
  void aDynamicPortNeverTakesAPortTheSameTaskRequires() {
    Match match = accept(app("cpus:1;mem:128").ports(0, 31000).requirePorts(),
        "cpus:4;mem:1024;ports:[31000-31001]");

    assertThat(match.hostPorts()).containsExactly(31001, 31000);
  }

  @Test
  void aRequiredPortMissingFromTheOffer() {
    Rejection rejection = reject(app("cpus:1;mem:128").ports(8080).requirePorts(),
        "cpus:4;mem:1024;ports:[31000-31010]");

    assertThat(rejection.reasons()).containsExactly(RejectReason.InsufficientPorts);
    assertThat(rejection.message()).isEqualTo("agent a1 (host-1): needs port 8080, offers [31000-31010]");
  }

  @Test
  void withoutRequirePortsTheAppsPortsAreOnlyServicePorts() {
    Match match = accept(app("cpus:1;mem:128").ports(10010), "cpus:4;mem:1024;ports:[31000-31010]");

    assertThat(match.hostPorts()).containsExactly(31000);
  }

  @Test
  void tooFewFreePorts() {
    Rejection rejection = reject(app("cpus:1;mem:128").ports(0, 0, 0), "cpus:4;mem:1024;ports:[31000-31001]");

    assertThat(rejection.reasons()).containsExactly(RejectReason.InsufficientPorts);
    assertThat(rejection.message()).isEqualTo("agent a1 (host-1): needs 3 ports, offers 2 [31000-31001]");
  }

  @Test
  void anAppWithoutPortsFitsAnOfferWithout() {
    assertThat(accept(app("cpus:1;mem:128"), "cpus:1;mem:128").resources().ports().isEmpty()).isTrue();
  }

  private Match accept(Fixtures.TestApp app, String resources) {
    return (Match) matcher.match(app.build(), offer("a1", "host-1", resources), List.of());
  }

  private Rejection reject(Fixtures.TestApp app, String resources) {
    return (Rejection) matcher.match(app.build(), offer("a1", "host-1", resources), List.of());
  }
}
