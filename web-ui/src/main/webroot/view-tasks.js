// #/tasks: live tasks (by id, which groups Marathon's "<app>.<uuid>" ids by app), then the completed
// ones, newest first; filtered and paged so 10,000 tasks stay responsive.

import { appIdOf, compareText, isKillable, isTerminal, taskMatches } from './cluster.js';
import { KeyedList, Pager, byId, el, filterInput, setText, setTitle, tableRow } from './dom.js';
import { formatAge, formatHealth, formatPorts, orDash } from './format.js';
import { taskLinkAndKill } from './actions.js';
import { SortableColumns, byNumber, byText } from './sortable.js';
import { readQuery, writeQuery } from './url-state.js';

const COLUMNS = ['id', 'app', 'state', 'agent', 'host', 'ports', 'health', 'age', 'actions'];

export class TasksView {
  constructor({ store, requestRender }) {
    this.store = store;
    this.section = byId('view-tasks');
    this.rows = new KeyedList(byId('tasks-table').tBodies[0], ({ task }) => task.id, taskRow);
    this.pager = new Pager(byId('tasks-pager'), requestRender);
    const refilter = () => {
      this.pager.reset();
      this.remember();
      requestRender();
    };
    this.filterBox = byId('task-filter');
    this.filter = filterInput(this.filterBox, refilter);
    this.showCompleted = byId('task-show-completed');
    this.showCompleted.addEventListener('change', refilter);
    const hostOf = task => task.hostname ?? this.store.agents.get(task.slave_id)?.hostname;
    this.columns = new SortableColumns(byId('tasks-table'), {
      id: byText(task => task.id),
      app: byText(appIdOf),
      state: byText(task => task.state),
      agent: byText(task => task.slave_id),
      host: byText(hostOf),
      health: byText(task => String(task.healthy ?? '')),
      age: byNumber(task => -task.staged_time), // ascending age: the youngest first
    }, refilter);
    this.sortedLive = { revision: -1, tasks: [] };
    this.visible = { key: null, tasks: [] };
  }

  /** Filter, completed and order from the address, as a reload or a shared link gives them. */
  enter({ query = readQuery() } = {}) {
    this.filterBox.value = query.get('q') ?? '';
    this.showCompleted.checked = query.get('completed') !== 'no';
    this.columns.set(query.get('sort'), query.get('dir') === 'desc' ? -1 : 1);
    this.pager.reset();
  }

  remember() {
    writeQuery({ q: this.filterBox.value.trim(), completed: this.showCompleted.checked ? '' : 'no', ...this.columns.state() });
  }

  leave() {
    this.rows.clear();
  }

  render(now) {
    const { agents } = this.store;
    const page = this.pager.slice(this.visibleTasks(), 'tasks');
    this.rows.render(page.map(task => ({ task, now, host: task.hostname ?? agents.get(task.slave_id)?.hostname })));
  }

  /** Filtered list, rebuilt only when the tasks or the filter changed (not on the age ticks). */
  visibleTasks() {
    const needle = this.filter();
    const withCompleted = this.showCompleted.checked;
    const key = `${this.store.revision.tasks}|${withCompleted}|${needle}|${this.columns.key()}`;
    if (this.visible.key !== key) {
      const all = withCompleted ? this.liveTasks().concat(completedNewestFirst(this.store)) : this.liveTasks();
      this.visible = { key, tasks: this.columns.sort(needle ? all.filter(task => taskMatches(task, needle)) : all) };
    }
    return this.visible.tasks;
  }

  liveTasks() {
    const { revision, tasks } = this.store;
    if (this.sortedLive.revision !== revision.tasks) {
      this.sortedLive = { revision: revision.tasks, tasks: [...tasks.values()].sort((a, b) => compareText(a.id, b.id)) };
    }
    return this.sortedLive.tasks;
  }
}

const completedNewestFirst = store => [...store.completedTasks.values()].reverse();

function taskRow({ task }) {
  const { tr, cells } = tableRow(task.id, COLUMNS);
  let current = task;
  const { link, kill } = taskLinkAndKill(cells, task, () => current);
  return {
    el: tr,
    update({ task: latest, now, host }) {
      current = latest;
      setTitle(link, latest.id);
      setText(cells.app, orDash(appIdOf(latest)));
      setTitle(cells.app, appIdOf(latest));
      setText(cells.state, latest.state);
      cells.state.classList.toggle('terminal', isTerminal(latest.state));
      setText(cells.agent, latest.slave_id);
      setTitle(cells.agent, latest.slave_id);
      setText(cells.host, host);
      setTitle(cells.host, host);
      setText(cells.ports, formatPorts(latest.resources?.ports));
      setText(cells.health, formatHealth(latest.healthy));
      setText(cells.age, formatAge(latest.staged_time, now));
      // only a task Marathon can kill gets the button, so a page-wide lookup never finds a dead one
      const killable = isKillable(latest);
      if (killable !== kill.isConnected) cells.actions.replaceChildren(...(killable ? [kill] : []));
    },
  };
}
