// A compact row of a task for the detail pages (an agent's, a framework's): id linking to the task
// page (and its sandbox), app, state, resources, age.

import { appIdOf, isTerminal } from './cluster.js';
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
