package io.drover.marathon.placement;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.Constraint;
import io.drover.resources.RangeSet;
import io.drover.resources.Resources;
import io.drover.resources.Shortfall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an offer can host tasks of an app, and what each task takes: cpus, mem and disk
 * must fit, the host ports must be free, and every constraint must admit one more instance on the
 * agent given where the app's instances already are. A pure function of its inputs.
 */
public final class OfferMatcher {

  /**
   * Whether {@code offer} can host one more task of {@code app}.
   *
   * @param placed the app's active instances (staging, starting, running), which constraints count
   * @return a {@link Match}, or a {@link Rejection} naming every problem found
   */
  public MatchResult match(AppDefinition app, AgentOffer offer, List<Placement> placed) {
    List<RejectReason> reasons = new ArrayList<>();
    List<String> details = new ArrayList<>();
    Resources scalars = Resources.of(app.cpus(), app.mem(), app.disk(), RangeSet.EMPTY);
    for (Shortfall shortfall : offer.resources().shortfall(scalars)) {
      reasons.add(reasonFor(shortfall.name()));
      details.add(describe(shortfall));
    }
    HostPortChoice ports = HostPortChoice.choose(app.hostPorts(), offer.resources().ports());
    if (!ports.fits()) {
      reasons.add(RejectReason.InsufficientPorts);
      details.add(ports.refusal());
    }
    for (Constraint constraint : app.constraints()) {
      Optional<String> refusal = ConstraintCheck.refusal(constraint, offer, placed);
      if (refusal.isPresent()) {
        reasons.add(RejectReason.UnfulfilledConstraint);
        details.add(refusal.get());
      }
    }
    if (!reasons.isEmpty()) {
      return new Rejection(offer.offerId(), offer.agentId(), offer.hostname(), reasons, details);
    }
    Resources taken = Resources.of(app.cpus(), app.mem(), app.disk(), ports.taken());
    return new Match(offer.agentId(), offer.hostname(), taken, ports.hostPorts());
  }

  /**
   * Up to {@code wanted} tasks of {@code app} on {@code offer}: each match takes its resources out
   * of the offer and counts as placed for the constraints of the next.
   */
  public OfferPlan placeAll(AppDefinition app, int wanted, AgentOffer offer, List<Placement> placed) {
    List<Match> matches = new ArrayList<>();
    List<Placement> instances = new ArrayList<>(placed);
    AgentOffer rest = offer;
    while (matches.size() < wanted) {
      MatchResult result = match(app, rest, instances);
      if (result instanceof Rejection rejection) {
        return new OfferPlan(matches, Optional.of(rejection), rest.resources());
      }
      Match match = (Match) result;
      matches.add(match);
      instances.add(Placement.on(offer));
      rest = rest.without(match.resources());
    }
    return new OfferPlan(matches, Optional.empty(), rest.resources());
  }

  private static RejectReason reasonFor(String resource) {
    switch (resource) {
      case Resources.CPUS:
        return RejectReason.InsufficientCpus;
      case Resources.MEM:
        return RejectReason.InsufficientMemory;
      case Resources.DISK:
        return RejectReason.InsufficientDisk;
      default:
        throw new IllegalStateException("the matcher asks for no " + resource);
    }
  }

  private static String describe(Shortfall shortfall) {
    switch (shortfall.name()) {
      case Resources.CPUS:
        return "needs " + shortfall.wanted() + " cpus, offers " + shortfall.available();
      case Resources.MEM:
        return "needs " + shortfall.wanted() + " MB of memory, offers " + shortfall.available();
      default:
        return "needs " + shortfall.wanted() + " MB of " + shortfall.name() + ", offers "
            + shortfall.available();
    }
  }
}
