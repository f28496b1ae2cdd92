// #/overview: who leads, how many agents, how full the cluster is, tasks by state, frameworks, and
// charts of the last hour.

import { SCALARS, clusterTotals, countByState } from './cluster.js';
import { KeyedList, byId, el, setText } from './dom.js';
import { formatAge, formatCount, formatDateTime, formatMaster, formatUsedOfTotal } from './format.js';
import { HistoryChart } from './history-chart.js';
import {
  ALLOCATION_LABELS, RATE_LABELS, TASK_LABELS, allocationColumns, rateColumns, taskColumns,
} from './history.js';

export class OverviewView {
  constructor({ store }) {
    this.store = store;
    this.section = byId('view-overview');
    this.masters = new KeyedList(byId('overview-masters'), master => master.master_id, () => textRow('li'));
    this.states = new KeyedList(byId('overview-task-states'), ([state]) => state, () => stateCountRow());
    this.frameworks = new KeyedList(byId('overview-frameworks'), framework => framework.id, () => textRow('li'));
    this.charts = [
      // used solid, offered dashed
      new HistoryChart(byId('chart-allocation'), ALLOCATION_LABELS, allocationColumns, { dashedFrom: 3 }),
      new HistoryChart(byId('chart-tasks'), TASK_LABELS, taskColumns),
      new HistoryChart(byId('chart-rates'), RATE_LABELS, rateColumns),
    ];
    window.addEventListener('resize', () => {
      if (!this.section.hidden) this.charts.forEach(chart => chart.resize());
    });
  }

  enter() {}

  leave() {}

  render(now) {
    const { store } = this;
    this.renderLeader(now);
    const totals = clusterTotals(store.agents.values(), store.agentUsage());
    setText(byId('overview-agents-active'), formatCount(totals.active));
    setText(byId('overview-agents-unreachable'), formatCount(totals.unreachable));
    for (const name of SCALARS) renderMeter(byId(`meter-${name}`), name, totals.used[name], totals.total[name]);
    this.states.render(countByState(store.tasks.values(), store.completedTasks.values()));
    this.renderFrameworks();
    for (const chart of this.charts) {
      try {
        chart.render(store);
      } catch (error) {
        console.error('dashboard: a chart could not be drawn', error); // the rest of the overview stays
      }
    }
  }

  renderLeader(now) {
    const { leader, masters } = this.store;
    setText(byId('overview-leader'), leader ? formatMaster(leader) : 'no leader elected');
    setText(byId('overview-leader-since'), leader?.elected_time
      ? `epoch ${leader.epoch}, elected ${formatDateTime(leader.elected_time)} (${formatAge(leader.elected_time, now)} ago)`
      : '');
    this.masters.render(masters.map(master => ({
      ...master,
      text: formatMaster(master) + (master.master_id === leader?.master_id ? ' (leader)' : ''),
    })));
  }

  renderFrameworks() {
    const usage = this.store.frameworkUsage();
    const frameworks = [...this.store.frameworks.values()].map(framework => ({
      id: framework.id,
      text: `${framework.name ?? framework.id}: ${framework.connected === false ? 'disconnected' : 'connected'}, `
        + `${formatCount(usage.get(framework.id)?.tasks ?? 0)} tasks`,
    }));
    this.frameworks.render(frameworks);
  }
}

function textRow(tag) {
  const node = el(tag);
  return { el: node, update: item => setText(node, item.text) };
}

function stateCountRow() {
  const state = el('span', { className: 'state' });
  const count = el('span', { className: 'count' });
  return {
    el: el('li', {}, state, count),
    update([name, n]) {
      setText(state, name);
      setText(count, formatCount(n));
    },
  };
}

function renderMeter(meter, name, used, total) {
  const percent = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  const fill = meter.querySelector('.bar-fill');
  const width = `${percent.toFixed(1)}%`;
  if (fill.style.width !== width) fill.style.width = width;
  fill.classList.toggle('high', percent >= 90);
  setText(meter.querySelector('.meter-value'), `${formatUsedOfTotal(name, used, total)} (${Math.round(percent)}%)`);
}
