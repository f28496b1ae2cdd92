package io.drover.marathon.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.resources.Resources;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfferSummaryTest {

  // 2016-02-28T16:41:41.090Z, as in Marathon's queue example
  private static final long T = 1_456_677_701_090L;

  @Test
  void eachStepOfTheFunnelSeesWhatTheStepsBeforeLetThrough() {
    OfferSummary summary = new OfferSummary();
    summary.record(cpus("a1"), T);
    summary.record(cpus("a2"), T);
    summary.record(cpus("a3"), T);
    summary.record(memory("a4"), T);
    summary.record(used("a5"), T);
    summary.record(used("a6"), T);

    // 6 processed; 3 stop at cpus, 1 at memory, 2 get through
    assertThat(summary.processedOffersCount()).isEqualTo(6);
    assertThat(summary.unusedOffersCount()).isEqualTo(4);
    assertThat(summary.rejectSummaryLaunchAttempt()).containsExactly(
        new DeclinedOfferStep(RejectReason.UnfulfilledRole, 0, 6),
        new DeclinedOfferStep(RejectReason.UnfulfilledConstraint, 0, 6),
        new DeclinedOfferStep(RejectReason.NoCorrespondingReservationFound, 0, 6),
        new DeclinedOfferStep(RejectReason.AgentMaintenance, 0, 6),
        new DeclinedOfferStep(RejectReason.InsufficientCpus, 3, 6),
        new DeclinedOfferStep(RejectReason.InsufficientMemory, 1, 3),
        new DeclinedOfferStep(RejectReason.InsufficientDisk, 0, 2),
        new DeclinedOfferStep(RejectReason.InsufficientGpus, 0, 2),
        new DeclinedOfferStep(RejectReason.InsufficientPorts, 0, 2),
        new DeclinedOfferStep(RejectReason.DeclinedScarceResources, 0, 2));
  }

  @Test
  void anOfferFailingForSeveralReasonsCountsOnceUnderTheFirst() {
    OfferSummary summary = new OfferSummary();
    summary.record(new Rejection("a1", "host-1",
        List.of(RejectReason.InsufficientPorts, RejectReason.InsufficientCpus), List.of("short")), T);

    assertThat(summary.rejectSummaryLaunchAttempt())
        .filteredOn(step -> step.declined() > 0)
        .containsExactly(new DeclinedOfferStep(RejectReason.InsufficientCpus, 1, 1));
  }

  @Test
  void theLastOffersSummaryCountsOnlyEachAgentsLatestUnusedOffer() {
    OfferSummary summary = new OfferSummary();
    summary.record(cpus("a1"), T);
    summary.record(memory("a1"), T + 1);
    summary.record(cpus("a2"), T + 2);
    summary.record(cpus("a3"), T + 3);
    summary.record(used("a3"), T + 4);

    // a1: memory, a2: cpus; a3's last offer was used
    assertThat(summary.rejectSummaryLastOffers())
        .filteredOn(step -> step.reason() == RejectReason.InsufficientCpus
            || step.reason() == RejectReason.InsufficientMemory)
        .containsExactly(
            new DeclinedOfferStep(RejectReason.InsufficientCpus, 1, 2),
            new DeclinedOfferStep(RejectReason.InsufficientMemory, 1, 1));
    assertThat(summary.lastUnusedOffers()).extracting(offer -> offer.rejection().agentId())
        .containsExactly("a1", "a2");
  }

  @Test
  void theMapHasMarathonsShape() {
    OfferSummary summary = new OfferSummary();
    summary.record(cpus("a1"), T);
    summary.record(used("a2"), T + 1_000);

    Map<String, Object> map = summary.toMap();

    assertThat(map).containsKeys("processedOffersCount", "unusedOffersCount", "lastUnusedOfferAt",
        "lastUsedOfferAt", "rejectSummaryLastOffers", "rejectSummaryLaunchAttempt");
    assertThat(map.get("lastUnusedOfferAt")).isEqualTo("2016-02-28T16:41:41.090Z");
    assertThat(map.get("lastUsedOfferAt")).isEqualTo("2016-02-28T16:41:42.090Z");
    assertThat((List<?>) map.get("rejectSummaryLaunchAttempt")).element(4)
        .isEqualTo(Map.of("reason", "InsufficientCpus", "declined", 1, "processed", 2));
  }

  @Test
  void beforeAnyOfferThereAreNoInstants() {
    Map<String, Object> map = new OfferSummary().toMap();

    assertThat(map).doesNotContainKeys("lastUnusedOfferAt", "lastUsedOfferAt");
    assertThat(map.get("processedOffersCount")).isEqualTo(0);
  }

  @Test
  void remembersTheLastFewRejectionsInWords() {
    OfferSummary summary = new OfferSummary(2);
    summary.record(cpus("a1"), T);
    summary.record(cpus("a2"), T);
    summary.record(memory("a3"), T);

    assertThat(summary.lastRejections()).containsExactly(
        "agent a2 (host-a2): needs 2 cpus, offers 1", "agent a3 (host-a3): needs 256 MB of memory, offers 128");
    assertThat(summary.explanation()).isEqualTo("3 of 3 offers unused, most for InsufficientCpus (2); "
        + "last: agent a3 (host-a3): needs 256 MB of memory, offers 128");
  }

  @Test
  void explainsQuietAndHappyLaunches() {
    OfferSummary summary = new OfferSummary();
    assertThat(summary.explanation()).isEqualTo("no offers processed yet");

    summary.record(used("a1"), T);
    assertThat(summary.explanation()).isEqualTo("all 1 offers used");
  }

  @Test
  void aPlanCountsAsOneOffer() {
    OfferSummary summary = new OfferSummary();
    Match match = used("a1");
    summary.record(new OfferPlan(List.of(match, match), Optional.of(cpus("a1")), Resources.EMPTY), T);
    summary.record(new OfferPlan(List.of(), Optional.of(cpus("a2")), Resources.EMPTY), T);

    assertThat(summary.processedOffersCount()).isEqualTo(2);
    assertThat(summary.unusedOffersCount()).isEqualTo(1);
  }

  private static Rejection cpus(String agentId) {
    return new Rejection(agentId, "host-" + agentId, List.of(RejectReason.InsufficientCpus),
        List.of("needs 2 cpus, offers 1"));
  }

  private static Rejection memory(String agentId) {
    return new Rejection(agentId, "host-" + agentId, List.of(RejectReason.InsufficientMemory),
        List.of("needs 256 MB of memory, offers 128"));
  }

  private static Match used(String agentId) {
    return new Match(agentId, "host-" + agentId, Resources.parse("cpus:1;mem:128"), List.of());
  }
}
