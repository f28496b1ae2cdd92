// #/agents: every agent with what its live tasks use of what it has.

import { compareText, formatAttributes } from './cluster.js';
import { KeyedList, Pager, byId, filterInput, setText, setTitle, tableRow } from './dom.js';
import { formatCount, formatUsedOfTotal } from './format.js';

const COLUMNS = ['id', 'host', 'attributes', 'cpus', 'mem', 'disk', 'tasks', 'state'];
const NO_USAGE = { cpus: 0, mem: 0, disk: 0, tasks: 0 };

export class AgentsView {
  constructor({ store, requestRender }) {
    this.store = store;
    this.section = byId('view-agents');
    this.rows = new KeyedList(byId('agents-table').tBodies[0], ({ agent }) => agent.id, agentRow);
    this.pager = new Pager(byId('agents-pager'), requestRender);
    this.filter = filterInput(byId('agent-filter'), () => {
      this.pager.reset();
      requestRender();
    });
    this.sorted = { revision: -1, agents: [] };
  }

  enter() {}

  leave() {
    this.rows.clear();
  }

  render() {
    const needle = this.filter();
    const agents = needle ? this.sortedAgents().filter(agent => agentMatches(agent, needle)) : this.sortedAgents();
    const usage = this.store.agentUsage();
    const page = this.pager.slice(agents, 'agents');
    this.rows.render(page.map(agent => ({ agent, used: usage.get(agent.id) ?? NO_USAGE })));
  }

  /** By host, then id; re-sorted only when the agents changed. */
  sortedAgents() {
    const { revision, agents } = this.store;
    if (this.sorted.revision !== revision.agents) {
      const list = [...agents.values()].sort((a, b) => compareText(a.hostname ?? '', b.hostname ?? '')
        || (a.port ?? 0) - (b.port ?? 0) || compareText(a.id, b.id));
      this.sorted = { revision: revision.agents, agents: list };
    }
    return this.sorted.agents;
  }
}

function agentMatches(agent, needle) {
  return [agent.id, agent.hostname, formatAttributes(agent.attributes)]
    .some(field => typeof field === 'string' && field.toLowerCase().includes(needle));
}

function agentRow({ agent }) {
  const { tr, cells } = tableRow(agent.id, COLUMNS);
  for (const name of ['cpus', 'mem', 'disk', 'tasks']) cells[name].classList.add('num');
  return {
    el: tr,
    update({ agent: current, used }) {
      const attributes = formatAttributes(current.attributes);
      setText(cells.id, current.id);
      setTitle(cells.id, current.id);
      const host = `${current.hostname ?? '?'}:${current.port ?? '?'}`;
      setText(cells.host, host);
      setTitle(cells.host, host);
      setText(cells.attributes, attributes);
      setTitle(cells.attributes, attributes);
      for (const name of ['cpus', 'mem', 'disk']) {
        setText(cells[name], formatUsedOfTotal(name, used[name], current.resources?.[name]));
      }
      setText(cells.tasks, formatCount(used.tasks));
      const state = current.active === false ? 'unreachable' : 'active';
      setText(cells.state, state);
      cells.state.classList.toggle('unreachable', state === 'unreachable');
    },
  };
}
