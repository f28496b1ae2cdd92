// #/agents: every agent with what its live tasks use of what it has, what it reserves for roles and
// its state: reachable or not, deactivated, draining or drained, its machine in maintenance or down.

import { compareText, formatAttributes } from './cluster.js';
import { KeyedList, Pager, byId, el, filterInput, setText, setTitle, tableRow } from './dom.js';
import { formatCount, formatUsedOfTotal } from './format.js';
import { formatAgentState, machineModeOf } from './maintenance.js';
import { compareReservations, formatReservations, reservationsOf } from './reservations.js';
import { SortableColumns, byNumber, byText } from './sortable.js';
import { readQuery, writeQuery } from './url-state.js';

const COLUMNS = ['id', 'host', 'attributes', 'cpus', 'mem', 'disk', 'tasks', 'reserved', 'state'];
const NO_USAGE = { cpus: 0, mem: 0, disk: 0, tasks: 0 };

export class AgentsView {
  constructor({ store, requestRender, machines }) {
    this.store = store;
    this.machines = machines;
    this.section = byId('view-agents');
    this.rows = new KeyedList(byId('agents-table').tBodies[0], ({ agent }) => agent.id, agentRow);
    this.pager = new Pager(byId('agents-pager'), requestRender);
    const refilter = () => {
      this.pager.reset();
      writeQuery({ q: this.filterBox.value.trim(), ...this.columns.state() });
      requestRender();
    };
    this.filterBox = byId('agent-filter');
    this.filter = filterInput(this.filterBox, refilter);
    const used = (agent, name) => this.store.agentUsage().get(agent.id)?.[name] ?? 0;
    this.columns = new SortableColumns(byId('agents-table'), {
      id: byText(agent => agent.id),
      host: byText(agent => `${agent.hostname}:${String(agent.port ?? '').padStart(5, '0')}`),
      attributes: byText(agent => formatAttributes(agent.attributes)),
      cpus: byNumber(agent => used(agent, 'cpus')),
      mem: byNumber(agent => used(agent, 'mem')),
      disk: byNumber(agent => used(agent, 'disk')),
      tasks: byNumber(agent => used(agent, 'tasks')),
      reserved: compareReservations,
      state: byText(agent => this.stateOf(agent)),
    }, refilter);
    this.sorted = { key: null, agents: [] };
  }

  /** Filter and order from the address. */
  enter({ query = readQuery() } = {}) {
    this.filterBox.value = query.get('q') ?? '';
    this.columns.set(query.get('sort'), query.get('dir') === 'desc' ? -1 : 1);
    this.pager.reset();
    this.machines.reset();
  }

  leave() {
    this.rows.clear();
  }

  render() {
    this.machines.current();
    const needle = this.filter();
    const agents = needle ? this.sortedAgents().filter(agent => agentMatches(agent, needle)) : this.sortedAgents();
    const usage = this.store.agentUsage();
    const page = this.pager.slice(agents, 'agents');
    this.rows.render(page.map(agent => ({
      agent, used: usage.get(agent.id) ?? NO_USAGE, state: this.stateOf(agent),
    })));
  }

  /** In words, with its machine's maintenance as last read. */
  stateOf(agent) {
    return formatAgentState(agent, machineModeOf(agent, this.machines.status));
  }

  /** By host, then id, unless a column says otherwise; re-sorted only when the agents, their tasks or the order changed. */
  sortedAgents() {
    const { revision, agents } = this.store;
    const key = `${revision.agents}|${this.machines.answers}|${this.columns.column ? revision.tasks : ''}`
      + `|${this.columns.key()}`;
    if (this.sorted.key !== key) {
      const list = [...agents.values()].sort((a, b) => compareText(a.hostname ?? '', b.hostname ?? '')
        || (a.port ?? 0) - (b.port ?? 0) || compareText(a.id, b.id));
      this.sorted = { key, agents: this.columns.sort(list) };
    }
    return this.sorted.agents;
  }
}

function agentMatches(agent, needle) {
  const roles = reservationsOf(agent).map(({ role }) => role);
  return [agent.id, agent.hostname, formatAttributes(agent.attributes), ...roles]
    .some(field => typeof field === 'string' && field.toLowerCase().includes(needle));
}

function agentRow({ agent }) {
  const { tr, cells } = tableRow(agent.id, COLUMNS);
  const link = el('a', { href: `#/agents/${encodeURIComponent(agent.id)}`, text: agent.id });
  cells.id.append(link);
  for (const name of ['cpus', 'mem', 'disk', 'tasks']) cells[name].classList.add('num');
  return {
    el: tr,
    update({ agent: current, used, state }) {
      const attributes = formatAttributes(current.attributes);
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
      const reserved = formatReservations(current);
      setText(cells.reserved, reserved);
      setTitle(cells.reserved, reserved);
      setText(cells.state, state);
      setTitle(cells.state, state);
      cells.state.classList.toggle('unreachable', current.reachable === false);
      cells.state.classList.toggle('maintenance', current.reachable !== false && state !== 'active');
    },
  };
}
