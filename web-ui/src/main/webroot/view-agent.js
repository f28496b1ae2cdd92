// #/agents/<id>: one agent: what it has and what its tasks use and offers hold of it, its
// attributes, what it reserves for each role and what is left for any, its tasks (live, then the
// ended ones this page knows, whose sandboxes the agent may still keep: each task's page browses
// its sandbox).

import { countPorts, formatAttributes, parsePortRanges } from './cluster.js';
import { KeyedList, Pager, byId, el, setText, setTitle, tableRow } from './dom.js';
import { formatDateTime, formatUsedOfTotal, orDash } from './format.js';
import { reservationRows } from './reservations.js';
import { OwnedTasks, compactTaskRow } from './task-rows.js';
import { detailRow } from './details.js';

const NO_USAGE = { cpus: 0, mem: 0, disk: 0, tasks: 0 };

export class AgentView {
  constructor({ store, requestRender }) {
    this.store = store;
    this.section = byId('view-agent');
    this.agentId = null;
    this.details = new KeyedList(byId('agent-details'), ([label]) => label, detailRow);
    this.reservations = new KeyedList(byId('agent-reservations-table').tBodies[0], ({ role }) => role ?? '',
      reservationRow);
    this.tasks = new KeyedList(byId('agent-tasks-table').tBodies[0], ({ task }) => task.id, compactTaskRow);
    this.pager = new Pager(byId('agent-tasks-pager'), requestRender);
    this.ownedTasks = new OwnedTasks(store);
  }

  enter({ id }) {
    this.agentId = id;
    this.pager.reset();
  }

  leave() {
    this.details.clear();
    this.reservations.clear();
    this.tasks.clear();
  }

  render(now) {
    const agent = this.store.agents.get(this.agentId);
    setText(byId('agent-title'), this.agentId);
    byId('agent-missing').hidden = Boolean(agent);
    this.details.render(agent ? this.describe(agent) : []);
    const reservations = agent ? reservationRows(agent) : [];
    byId('agent-reservations').hidden = !agent;
    byId('agent-reservations-none').hidden = reservations.length > 0;
    byId('agent-reservations-table').hidden = reservations.length === 0;
    this.reservations.render(reservations);
    const tasks = this.agentTasks();
    this.tasks.render(this.pager.slice(tasks, 'tasks').map(task => ({ task, now })));
  }

  describe(agent) {
    const used = this.store.agentUsage().get(agent.id) ?? NO_USAGE;
    const offered = { cpus: 0, mem: 0, disk: 0 };
    for (const offer of this.store.offers.values()) {
      if (offer.slave_id !== agent.id && offer.agent_id !== agent.id) continue;
      for (const name of Object.keys(offered)) offered[name] += Number(offer.resources?.[name]) || 0;
    }
    const total = agent.resources ?? {};
    const usedPorts = countPorts(parsePortRanges(agent.used_resources?.ports));
    const allPorts = countPorts(parsePortRanges(total.ports));
    const scalar = name => `${formatUsedOfTotal(name, used[name], total[name])} used`
      + (offered[name] ? `, ${formatUsedOfTotal(name, offered[name], total[name]).split(' / ')[0]} offered` : '');
    return [
      ['Host', `${agent.hostname ?? '?'}:${agent.port ?? '?'}`],
      ['State', agent.active === false ? 'unreachable' : 'active'],
      ['Registered', formatDateTime(agent.registered_time)],
      ['CPUs', scalar('cpus')],
      ['Memory', scalar('mem')],
      ['Disk', scalar('disk')],
      ['Ports', `${usedPorts} of ${allPorts} used (${orDash(total.ports)})`],
      ['Attributes', formatAttributes(agent.attributes)],
      ['Tasks', `${used.tasks} live`],
    ];
  }

  agentTasks() {
    return this.ownedTasks.list(this.agentId, task => task.slave_id === this.agentId);
  }

}

/** A role's reservation, its name leading to its row among the roles; or, role null, what is left for any role. */
function reservationRow({ role }) {
  const { tr, cells } = tableRow(role ?? '', ['role', 'cpus', 'mem', 'disk', 'ports']);
  if (role === null) {
    cells.role.append(el('span', { className: 'muted', text: 'unreserved (any role)' }));
  } else {
    cells.role.append(el('a', { href: `#/roles?q=${encodeURIComponent(role)}`, text: role }));
  }
  for (const name of ['cpus', 'mem', 'disk']) cells[name].classList.add('num');
  return {
    el: tr,
    update(latest) {
      for (const name of ['cpus', 'mem', 'disk', 'ports']) setText(cells[name], latest[name]);
      setTitle(cells.ports, latest.ports);
    },
  };
}
