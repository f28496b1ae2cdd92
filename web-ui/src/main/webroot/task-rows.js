// The tasks of a detail page (an agent's, a framework's) and a compact row for each: id linking to
// the task page (and its sandbox), app, state, resources, age.

import { appIdOf, compareText, isTerminal } from './cluster.js';
import { el, setText, setTitle, tableRow } from './dom.js';
import { formatAge, formatResources, orDash } from './format.js';

export const TASK_ROW_COLUMNS = ['id', 'app', 'state', 'resources', 'age'];

export function compactTaskRow({ task }) {
  const { tr, cells } = tableRow(task.id, TASK_ROW_COLUMNS);
  cells.id.append(el('a', { href: `#/tasks/${encodeURIComponent(task.id)}`, text: task.id,
    attrs: { 'aria-label': `task ${task.id}: details and sandbox` } }));
  cells.age.classList.add('num');
  return {
    el: tr,
    update({ task: latest, now }) {
      setText(cells.app, orDash(appIdOf(latest)));
      setText(cells.state, latest.state);
      cells.state.classList.toggle('terminal', isTerminal(latest.state));
      const resources = formatResources(latest.resources);
      setText(cells.resources, resources);
      setTitle(cells.resources, resources);
      setText(cells.age, formatAge(latest.staged_time, now));
    },
  };
}

/**
 * The tasks that belong to one agent or framework: live ones first (by id), then the ended ones
 * this page remembers, newest first; sorted again only when the tasks or the owner change.
 */
export class OwnedTasks {
  constructor(store) {
    this.store = store;
    this.cache = null;
  }

  /** `owner` names the agent or framework; `belongs(task)` says whether a task is its. */
  list(owner, belongs) {
    const { revision, tasks, completedTasks } = this.store;
    const key = `${revision.tasks}|${owner}`;
    if (this.cache?.key !== key) {
      const live = [...tasks.values()].filter(belongs).sort((a, b) => compareText(a.id, b.id));
      const ended = [...completedTasks.values()].filter(task => belongs(task) && isTerminal(task.state)).reverse();
      this.cache = { key, list: live.concat(ended) };
    }
    return this.cache.list;
  }
}
