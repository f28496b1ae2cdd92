package io.drover.marathon.placement;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offers processed for one app during one launch attempt, in the shape of Marathon's queue item
 * {@code processedOffersSummary}, with the last few rejections in words for a "why is it not
 * starting" answer. Start a new summary for each launch attempt. Not thread-safe: one owner feeds it.
 */
public final class OfferSummary {

  /** How many rejection sentences {@link #lastRejections} keeps. */
  public static final int DEFAULT_REMEMBERED_REJECTIONS = 10;

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final int remembered;
  private int processedOffersCount;
  private int unusedOffersCount;
  private Long lastUsedOfferAtMs;
  private Long lastUnusedOfferAtMs;
  private final Map<RejectReason, Integer> declinedInAttempt = new EnumMap<>(RejectReason.class);
  // by agent id, oldest first
  private final LinkedHashMap<String, UnusedOffer> lastUnusedByAgent = new LinkedHashMap<>();
  private final Deque<String> lastRejections = new ArrayDeque<>();

  public OfferSummary() {
    this(DEFAULT_REMEMBERED_REJECTIONS);
  }

  public OfferSummary(int rememberedRejections) {
    if (rememberedRejections < 0) {
      throw new IllegalArgumentException("cannot remember " + rememberedRejections + " rejections");
    }
    this.remembered = rememberedRejections;
  }

  /** Counts one offer offered to the app: used when it hosts at least one task. */
  public void record(OfferPlan plan, long atMs) {
    if (plan.isUsed()) {
      used(plan.matches().get(0).agentId(), atMs);
    } else {
      unused(plan.stoppedBy().orElseThrow(), atMs);
    }
  }

  /** Counts one offer matched for a single task. */
  public void record(MatchResult result, long atMs) {
    if (result instanceof Rejection rejection) {
      unused(rejection, atMs);
    } else {
      used(result.agentId(), atMs);
    }
  }

  private void used(String agentId, long atMs) {
    processedOffersCount++;
    lastUsedOfferAtMs = atMs;
    // the agent's last offer was used, so it no longer tells why the app does not start
    lastUnusedByAgent.remove(agentId);
  }

  private void unused(Rejection rejection, long atMs) {
    processedOffersCount++;
    unusedOffersCount++;
    lastUnusedOfferAtMs = atMs;
    declinedInAttempt.merge(rejection.reason(), 1, Integer::sum);
    lastUnusedByAgent.remove(rejection.agentId());
    lastUnusedByAgent.put(rejection.agentId(), new UnusedOffer(rejection, atMs));
    lastRejections.addLast(rejection.message());
    while (lastRejections.size() > remembered) {
      lastRejections.removeFirst();
    }
  }

  public int processedOffersCount() {
    return processedOffersCount;
  }

  public int unusedOffersCount() {
    return unusedOffersCount;
  }

  /** The funnel over every offer of this launch attempt. */
  public List<DeclinedOfferStep> rejectSummaryLaunchAttempt() {
    return funnel(processedOffersCount, declinedInAttempt);
  }

  /** The funnel over the last unused offer of each agent. */
  public List<DeclinedOfferStep> rejectSummaryLastOffers() {
    Map<RejectReason, Integer> declined = new EnumMap<>(RejectReason.class);
    for (UnusedOffer offer : lastUnusedByAgent.values()) {
      declined.merge(offer.rejection().reason(), 1, Integer::sum);
    }
    return funnel(lastUnusedByAgent.size(), declined);
  }

  /** The last unused offer of each agent, oldest first. */
  public List<UnusedOffer> lastUnusedOffers() {
    return List.copyOf(lastUnusedByAgent.values());
  }

  /** The last rejections in words, oldest first. */
  public List<String> lastRejections() {
    return List.copyOf(lastRejections);
  }

  /**
   * Marathon's {@code processedOffersSummary}: counts, ISO-8601 instants (absent until such an offer
   * came) and both funnels as lists of {@code {reason, declined, processed}}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("processedOffersCount", processedOffersCount);
    map.put("unusedOffersCount", unusedOffersCount);
    if (lastUnusedOfferAtMs != null) {
      map.put("lastUnusedOfferAt", ISO_MILLIS.format(Instant.ofEpochMilli(lastUnusedOfferAtMs)));
    }
    if (lastUsedOfferAtMs != null) {
      map.put("lastUsedOfferAt", ISO_MILLIS.format(Instant.ofEpochMilli(lastUsedOfferAtMs)));
    }
    map.put("rejectSummaryLastOffers", asMaps(rejectSummaryLastOffers()));
    map.put("rejectSummaryLaunchAttempt", asMaps(rejectSummaryLaunchAttempt()));
    return map;
  }

  /**
   * One sentence on why tasks are not starting, such as {@code 3 of 4 offers unused, most for
   * InsufficientCpus (2); last: agent a1 (host-1): needs 2 cpus, offers 1.5}.
   */
  public String explanation() {
    if (processedOffersCount == 0) {
      return "no offers processed yet";
    }
    if (unusedOffersCount == 0) {
      return "all " + processedOffersCount + " offers used";
    }
    Map.Entry<RejectReason, Integer> most = declinedInAttempt.entrySet().stream()
        .max(Comparator.comparingInt(Map.Entry::getValue))
        .orElseThrow();
    String last = lastRejections.isEmpty() ? "" : "; last: " + lastRejections.getLast();
    return unusedOffersCount + " of " + processedOffersCount + " offers unused, most for " + most.getKey()
        + " (" + most.getValue() + ")" + last;
  }

  private static List<Map<String, Object>> asMaps(List<DeclinedOfferStep> steps) {
    return steps.stream().map(DeclinedOfferStep::toMap).toList();
  }

  // each step sees the offers the steps before it let through, as in Marathon's queue API
  static List<DeclinedOfferStep> funnel(int processed, Map<RejectReason, Integer> declined) {
    List<DeclinedOfferStep> steps = new ArrayList<>();
    int reaching = processed;
    for (RejectReason reason : RejectReason.values()) {
      int stopped = declined.getOrDefault(reason, 0);
      steps.add(new DeclinedOfferStep(reason, stopped, reaching));
      reaching -= stopped;
    }
    return steps;
  }
}
