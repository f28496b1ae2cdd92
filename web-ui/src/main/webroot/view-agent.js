// #/agents/<id>: one agent: what it has and what its tasks use and offers hold of it, its
// attributes, what it reserves for each role and what is left for any, its tasks (live, then the
// ended ones this page knows, whose sandboxes the agent may still keep: each task's page browses
// its sandbox); its maintenance state, and for an operator the drain and reactivate actions
// (Mesos's DRAIN_AGENT and REACTIVATE_AGENT through the leader's operator API).

import { runAction } from './actions.js';
import { masterApi } from './api.js';
import { countPorts, formatAttributes, parsePortRanges } from './cluster.js';
import { confirmAction } from './confirm.js';
import { KeyedList, Pager, byId, el, setText, setTitle, tableRow } from './dom.js';
import { formatDateTime, formatUsedOfTotal, orDash } from './format.js';
import {
  canDrain, canReactivate, drainCall, formatAgentState, formatGracePeriod, machineModeOf, parseGracePeriod,
  reactivateCall, reactivationProblem,
} from './maintenance.js';
import { mayOperate } from './session.js';
import { reservationRows } from './reservations.js';
import { OwnedTasks, compactTaskRow } from './task-rows.js';
import { detailRow } from './details.js';

const NO_USAGE = { cpus: 0, mem: 0, disk: 0, tasks: 0 };

export class AgentView {
  constructor({ store, requestRender, machines }) {
    this.store = store;
    this.machines = machines;
    this.section = byId('view-agent');
    this.agentId = null;
    this.details = new KeyedList(byId('agent-details'), ([label]) => label, detailRow);
    this.reservations = new KeyedList(byId('agent-reservations-table').tBodies[0], ({ role }) => role ?? '',
      reservationRow);
    this.tasks = new KeyedList(byId('agent-tasks-table').tBodies[0], ({ task }) => task.id, compactTaskRow);
    this.pager = new Pager(byId('agent-tasks-pager'), requestRender);
    this.ownedTasks = new OwnedTasks(store);
    this.drainButton = byId('agent-drain');
    this.reactivateButton = byId('agent-reactivate');
    this.drainButton.addEventListener('click', () => this.drain());
    this.reactivateButton.addEventListener('click', () => this.reactivate());
    byId('drain-grace').addEventListener('keydown', event => {
      if (event.key === 'Enter') this.drainButton.click();
    });
  }

  enter({ id }) {
    this.agentId = id;
    this.pager.reset();
    this.machines.reset();
    setText(byId('agent-maintenance-note'), '');
    setText(byId('agent-maintenance-error'), '');
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
    const machineMode = agent ? machineModeOf(agent, this.machines.current()) : null;
    this.details.render(agent ? this.describe(agent, machineMode) : []);
    this.renderMaintenance(agent);
    const reservations = agent ? reservationRows(agent) : [];
    byId('agent-reservations').hidden = !agent;
    byId('agent-reservations-none').hidden = reservations.length > 0;
    byId('agent-reservations-table').hidden = reservations.length === 0;
    this.reservations.render(reservations);
    const tasks = this.agentTasks();
    this.tasks.render(this.pager.slice(tasks, 'tasks').map(task => ({ task, now })));
  }

  describe(agent, machineMode) {
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
      ['State', formatAgentState(agent, machineMode)],
      ...(agent.drain_info ? [['Drain', `${agent.drain_info.state}, max grace period `
        + formatGracePeriod(agent.drain_info)]] : []),
      ['Registered', formatDateTime(agent.registered_time)],
      ['CPUs', scalar('cpus')],
      ['Memory', scalar('mem')],
      ['Disk', scalar('disk')],
      ['Ports', `${usedPorts} of ${allPorts} used (${orDash(total.ports)})`],
      ['Attributes', formatAttributes(agent.attributes)],
      ['Tasks', `${used.tasks} live`],
    ];
  }

  /** The actions, for an operator only: drain an agent not drained yet, reactivate a deactivated one. */
  renderMaintenance(agent) {
    const form = byId('agent-maintenance');
    form.hidden = !agent || !mayOperate();
    if (form.hidden) return;
    byId('agent-drain-controls').hidden = !canDrain(agent);
    this.drainButton.setAttribute('aria-label', `drain agent ${agent.id}`);
    const reactivate = this.reactivateButton;
    const problem = reactivationProblem(agent);
    reactivate.hidden = !canReactivate(agent);
    reactivate.setAttribute('aria-label', `reactivate agent ${agent.id}`);
    if (!reactivate.classList.contains('busy')) reactivate.disabled = Boolean(problem);
    setTitle(reactivate, problem ?? '');
  }

  /** Asks first: a drain kills the agent's tasks, and the agent gets no offers until reactivated. */
  async drain() {
    const agentId = this.agentId;
    let graceSeconds;
    try {
      graceSeconds = parseGracePeriod(byId('drain-grace').value);
    } catch (error) {
      setText(byId('agent-maintenance-error'), error.message);
      return;
    }
    const question = `Drain agent ${agentId}? Its tasks are killed`
      + (graceSeconds === null ? '' : ` (each within ${graceSeconds}s)`)
      + ' and it gets no offers until it is reactivated.';
    if (!await confirmAction(question, 'drain')) return;
    if (await this.operate(this.drainButton, drainCall(agentId, graceSeconds))) {
      setText(byId('agent-maintenance-note'), 'the leader drains it');
      byId('drain-grace').value = '';
    }
  }

  async reactivate() {
    if (await this.operate(this.reactivateButton, reactivateCall(this.agentId))) {
      setText(byId('agent-maintenance-note'), 'reactivated: it is offered again');
    }
  }

  /** The leader's reason for a refusal (an agent in the schedule, a read-only token) shows beside the buttons. */
  operate(button, call) {
    setText(byId('agent-maintenance-note'), '');
    setText(byId('agent-maintenance-error'), '');
    return runAction(button, async () => {
      try {
        await masterApi.operatorCall(call);
      } catch (error) {
        setText(byId('agent-maintenance-error'), error.message);
        throw error;
      }
    });
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
