// #/tasks/<id>: one task's details and its stdout and stderr, followed live while the page is open.

import { masterApi } from './api.js';
import { appIdOf, isKillable, isTerminal } from './cluster.js';
import { KeyedList, byId, el, setText, setTitle } from './dom.js';
import { formatAge, formatDateTime, formatHealth, formatPorts, formatResources } from './format.js';
import { confirmAndKill } from './actions.js';
import { LogPane } from './log-stream.js';
import { SandboxBrowser } from './sandbox-browser.js';
import { appHref } from './view-apps.js';
import { detailRow } from './details.js';

const OUTPUT_FILES = ['stdout', 'stderr'];

export class TaskView {
  constructor({ store }) {
    this.store = store;
    this.section = byId('view-task');
    this.taskId = null;
    this.kill = this.section.querySelector('.kill-button');
    this.kill.addEventListener('click', () => {
      const task = store.findTask(this.taskId);
      if (task && isKillable(task)) confirmAndKill(this.kill, task);
    });
    this.details = new KeyedList(byId('task-details'), ([label]) => label, detailRow);
    this.sandbox = new SandboxBrowser();
    this.panes = new Map(OUTPUT_FILES.map(file => [file, new LogPane(byId(file), byId(`${file}-status`))]));
  }

  enter({ id, query }) {
    this.taskId = id;
    // the master knows where the task ran even when this page does not have it yet: open the streams now
    for (const [file, pane] of this.panes) pane.open(masterApi.taskFileUrl(id, file));
    this.sandbox.open(id, { dir: query.get('dir') ?? '', file: query.get('file') });
  }

  leave() {
    for (const pane of this.panes.values()) pane.close();
    this.sandbox.close();
    this.taskId = null;
  }

  render(now) {
    const task = this.store.findTask(this.taskId);
    setText(byId('task-title'), this.taskId);
    setText(byId('task-state'), task?.state ?? '');
    byId('task-state').classList.toggle('terminal', isTerminal(task?.state));
    byId('task-missing').hidden = Boolean(task);
    this.kill.disabled = this.kill.classList.contains('busy') || !task || !isKillable(task);
    setTitle(this.kill, task && !isKillable(task) ? 'only live tasks launched by Marathon can be killed here' : '');
    this.details.render(task ? this.describe(task, now) : []);
    this.renderLinks(task);
  }

  /** Links to the pages of the task's app, agent and framework, redrawn only when they change. */
  renderLinks(task) {
    const appId = task ? appIdOf(task) : null;
    const links = [
      ...(appId ? [[appHref(appId), `app ${appId}`]] : []),
      ...(task?.slave_id ? [[`#/agents/${encodeURIComponent(task.slave_id)}`, 'its agent']] : []),
      ...(task?.framework_id ? [[`#/frameworks/${encodeURIComponent(task.framework_id)}`, 'its framework']] : []),
    ];
    const nav = byId('task-links');
    const shown = JSON.stringify(links);
    if (nav.dataset.shown === shown) return;
    nav.dataset.shown = shown;
    nav.replaceChildren(...links.map(([href, text]) => el('a', { href, text })));
  }

  describe(task, now) {
    const framework = this.store.frameworks.get(task.framework_id);
    const agent = this.store.agents.get(task.slave_id);
    const latest = task.statuses?.[task.statuses.length - 1];
    return [
      ['Name', task.name],
      ['App', appIdOf(task)],
      ['Health', formatHealth(task.healthy)],
      ['Framework', framework ? `${framework.name} (${task.framework_id})` : task.framework_id],
      ['Agent', task.slave_id],
      ['Host', task.hostname ?? agent?.hostname],
      ['Ports', formatPorts(task.resources?.ports)],
      ['Resources', formatResources(task.resources)],
      ['Staged', task.staged_time ? `${formatDateTime(task.staged_time)} (${formatAge(task.staged_time, now)} ago)` : ''],
      ['Last status', latest ? describeStatus(latest) : ''],
    ];
  }
}

/** "TASK_FAILED at 2024-05-01 12:00:00: REASON_COMMAND_EXECUTOR_FAILED, exit code 1". */
function describeStatus(status) {
  const why = [status.reason, status.message].filter(Boolean).join(', ');
  return `${status.state} at ${formatDateTime(status.timestamp)}${why ? `: ${why}` : ''}`;
}
