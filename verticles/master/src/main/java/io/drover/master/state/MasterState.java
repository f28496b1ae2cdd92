package io.drover.master.state;

/**
 * Everything a master holds in memory. Agents and tasks are kept warm on every master from what
 * agents publish; frameworks, offers, weights and quotas matter on the leader only.
 */
public final class MasterState {

  public final AgentRegistry agents = new AgentRegistry();
  public final TaskBook tasks = new TaskBook();
  public final FrameworkRegistry frameworks = new FrameworkRegistry();
  public final OfferBook offers = new OfferBook();
  public final RoleWeights weights = new RoleWeights();
  public final RoleQuotas quotas = new RoleQuotas();
}
