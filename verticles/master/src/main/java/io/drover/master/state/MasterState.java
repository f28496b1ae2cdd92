package io.drover.master.state;

/**
 * Everything a master holds in memory. Agents and tasks are kept warm on every master from what
 * agents publish; frameworks and offers matter on the leader only.
 */
public final class MasterState {

  public final AgentRegistry agents = new AgentRegistry();
  public final TaskBook tasks = new TaskBook();
  public final FrameworkRegistry frameworks = new FrameworkRegistry();
  public final OfferBook offers = new OfferBook();
}
