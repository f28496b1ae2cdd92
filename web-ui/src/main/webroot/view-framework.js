// #/frameworks/<id>: one framework: who it is, its roles, what its tasks use, the offers it holds,
// and its tasks.

import { KeyedList, Pager, byId, el, setText, tableRow } from './dom.js';
import { formatDateTime, formatMegabytes, formatNumber, formatResources } from './format.js';
import { OwnedTasks, compactTaskRow } from './task-rows.js';
import { detailRow } from './details.js';

const NO_USAGE = { cpus: 0, mem: 0, disk: 0, tasks: 0 };

export class FrameworkView {
  constructor({ store, requestRender }) {
    this.store = store;
    this.section = byId('view-framework');
    this.frameworkId = null;
    this.details = new KeyedList(byId('framework-details'), ([label]) => label, detailRow);
    this.offers = new KeyedList(byId('framework-offers-table').tBodies[0], offer => offer.id, offerRow);
    this.tasks = new KeyedList(byId('framework-tasks-table').tBodies[0], ({ task }) => task.id, compactTaskRow);
    this.pager = new Pager(byId('framework-tasks-pager'), requestRender);
    this.ownedTasks = new OwnedTasks(store);
  }

  enter({ id }) {
    this.frameworkId = id;
    this.pager.reset();
  }

  leave() {
    this.details.clear();
    this.offers.clear();
    this.tasks.clear();
  }

  render(now) {
    const framework = this.store.frameworks.get(this.frameworkId);
    setText(byId('framework-title'), framework?.name ? `${framework.name} (${this.frameworkId})` : this.frameworkId);
    byId('framework-missing').hidden = Boolean(framework);
    this.details.render(framework ? this.describe(framework) : []);
    const offers = [...this.store.offers.values()].filter(offer => offer.framework_id === this.frameworkId);
    setText(byId('framework-offers-none'), offers.length ? '' : 'It holds no offer now.');
    this.offers.render(offers);
    this.tasks.render(this.pager.slice(this.frameworkTasks(), 'tasks').map(task => ({ task, now })));
  }

  describe(framework) {
    const used = this.store.frameworkUsage().get(framework.id) ?? NO_USAGE;
    return [
      ['Name', framework.name],
      // each leads to its row among the roles, with its weight, share and quota
      ['Roles', (framework.roles ?? [framework.role]).filter(Boolean)
        .map(role => ({ text: role, href: `#/roles?q=${encodeURIComponent(role)}` }))],
      ['User', framework.user],
      ['Host', framework.hostname],
      ['State', framework.connected === false ? 'disconnected' : framework.suppressed ? 'connected, suppressed' : 'connected'],
      ['Registered', formatDateTime(framework.registered_time)],
      ['Failover timeout', framework.failover_timeout ? `${framework.failover_timeout} s` : ''],
      ['Uses', `${formatNumber(used.cpus)} cpus, ${formatMegabytes(used.mem)} mem, ${formatMegabytes(used.disk)} disk`
        + ` in ${used.tasks} live task(s)`],
      ['Offered', formatResources(framework.offered_resources)],
      ['Web UI', framework.webui_url],
    ];
  }

  frameworkTasks() {
    return this.ownedTasks.list(this.frameworkId, task => task.framework_id === this.frameworkId);
  }

}

function offerRow(offer) {
  const { tr, cells } = tableRow(offer.id, ['id', 'agent', 'resources']);
  const agentId = offer.slave_id ?? offer.agent_id;
  cells.agent.append(el('a', { href: `#/agents/${encodeURIComponent(agentId)}`, text: offer.hostname ?? agentId }));
  return {
    el: tr,
    update(latest) {
      setText(cells.id, latest.id);
      setText(cells.resources, formatResources(latest.resources));
    },
  };
}
