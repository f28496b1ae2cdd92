// #/frameworks: every subscribed framework, its state and what it uses and is offered.

import { compareText } from './cluster.js';
import { KeyedList, byId, el, setText, setTitle, tableRow } from './dom.js';
import { formatCount, formatDateTime, formatMegabytes, formatNumber, formatResources } from './format.js';
import { SortableColumns, byNumber, byText } from './sortable.js';
import { readQuery, writeQuery } from './url-state.js';

const NO_USAGE = { cpus: 0, mem: 0, disk: 0, tasks: 0 };
const COLUMNS = ['id', 'name', 'user', 'host', 'state', 'registered', 'tasks', 'cpus', 'mem', 'disk', 'offered'];

export class FrameworksView {
  constructor({ store, requestRender }) {
    this.store = store;
    this.section = byId('view-frameworks');
    this.rows = new KeyedList(byId('frameworks-table').tBodies[0], ({ framework }) => framework.id, frameworkRow);
    const used = name => item => item.used[name];
    const of = value => item => value(item.framework);
    this.columns = new SortableColumns(byId('frameworks-table'), {
      id: byText(of(framework => framework.id)),
      name: byText(of(framework => framework.name)),
      user: byText(of(framework => framework.user)),
      host: byText(of(framework => framework.hostname)),
      state: byText(of(frameworkState)),
      registered: byNumber(of(framework => framework.registered_time)),
      tasks: byNumber(used('tasks')),
      cpus: byNumber(used('cpus')),
      mem: byNumber(used('mem')),
      disk: byNumber(used('disk')),
    }, () => {
      writeQuery(this.columns.state());
      requestRender();
    });
  }

  /** Order from the address. */
  enter({ query = readQuery() } = {}) {
    this.columns.set(query.get('sort'), query.get('dir') === 'desc' ? -1 : 1);
  }

  leave() {
    this.rows.clear();
  }

  /** By name, then id, unless a column says otherwise (a handful of frameworks: sorted on every render). */
  render() {
    const usage = this.store.frameworkUsage();
    const frameworks = [...this.store.frameworks.values()]
      .sort((a, b) => compareText(a.name ?? '', b.name ?? '') || compareText(a.id, b.id))
      .map(framework => ({ framework, used: usage.get(framework.id) ?? NO_USAGE }));
    this.rows.render(this.columns.sort(frameworks));
  }
}

/** "connected", "connected, suppressed" or "disconnected". */
function frameworkState(framework) {
  if (framework.connected === false) return 'disconnected';
  return framework.suppressed ? 'connected, suppressed' : 'connected';
}

function frameworkRow({ framework }) {
  const { tr, cells } = tableRow(framework.id, COLUMNS);
  cells.id.append(el('a', { href: `#/frameworks/${encodeURIComponent(framework.id)}`, text: framework.id }));
  for (const name of ['tasks', 'cpus', 'mem', 'disk']) cells[name].classList.add('num');
  return {
    el: tr,
    update({ framework: current, used }) {
      setTitle(cells.id, current.id);
      setText(cells.name, current.name);
      setText(cells.user, current.user);
      setText(cells.host, current.hostname);
      setText(cells.state, frameworkState(current));
      cells.state.classList.toggle('disconnected', current.connected === false);
      setText(cells.registered, formatDateTime(current.registered_time));
      setText(cells.tasks, formatCount(used.tasks));
      setText(cells.cpus, formatNumber(used.cpus));
      setText(cells.mem, formatMegabytes(used.mem));
      setText(cells.disk, formatMegabytes(used.disk));
      setText(cells.offered, formatResources(current.offered_resources));
    },
  };
}
