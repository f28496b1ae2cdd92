// #/apps/<id>: one Marathon app. Its status and tasks come live from the store; its definition is
// edited in place and PUT whole (the server's reasons shown beside the editor); its versions are
// listed with a diff against the current one and a rollback. What the store does not carry (the list
// of versions, health per check) is read when the page opens and again when the app's events say it
// changed: nothing is polled.

import { confirmAction } from './confirm.js';
import { describeError, flashError, runAction, taskLinkAndKill } from './actions.js';
import { marathonApi } from './api.js';
import { appIdOf, appVersionOf, compareText, deploymentsByApp, isKillable, isTerminal } from './cluster.js';
import { definitionText, diffCounts, lineDiff } from './definition.js';
import { KeyedList, Pager, byId, el, setText, setTitle, tableRow } from './dom.js';
import { formatAge, formatCount, formatHealth, formatPorts, orDash } from './format.js';
import { describeDeploymentStep, describeFailureFully, describeHealthChecks, describeQueued } from './marathon-text.js';
import { detailRow } from './details.js';

const TASK_COLUMNS = ['id', 'state', 'host', 'ports', 'health', 'age', 'version', 'actions'];
/** Health per check is read again at most this often while the app's events keep coming. */
const HEALTH_READ_MIN_INTERVAL_MS = 1000;

export class AppView {
  constructor({ store, requestRender }) {
    this.store = store;
    this.requestRender = requestRender;
    this.section = byId('view-app');
    this.appId = null;
    this.status = new KeyedList(byId('app-status'), ([label]) => label, detailRow);
    this.tasks = new KeyedList(byId('app-tasks-table').tBodies[0], ({ task }) => task.id, taskRow);
    this.taskPager = new Pager(byId('app-tasks-pager'), requestRender);
    this.versions = new KeyedList(byId('app-versions-table').tBodies[0], ({ version }) => version,
      item => versionRow(item, this));
    this.editor = byId('app-definition');
    this.scaleInput = byId('app-scale-input');
    byId('app-save').addEventListener('click', () => this.save());
    byId('app-revert').addEventListener('click', () => this.revert());
    byId('app-scale').addEventListener('click', () => this.scale());
    this.scaleInput.addEventListener('keydown', event => {
      if (event.key === 'Enter') byId('app-scale').click();
    });
    byId('app-suspend').addEventListener('click', () => this.suspend());
    byId('app-restart').addEventListener('click', () => this.restart());
    byId('app-delete').addEventListener('click', () => this.remove());
    this.editor.addEventListener('input', () => {
      this.savedNote = '';
      requestRender();
    });
    this.definitions = new Map(); // version -> definition text, for diffs (a version never changes)
  }

  enter({ id }) {
    this.appId = id;
    this.editorBase = null; // the text the editor was last filled with, so typing shows as a change
    this.editorVersion = null;
    this.editor.value = '';
    this.versionList = [];
    this.versionsOf = null; // the app version the list was read at
    this.health = new Map();
    this.healthOf = null;
    this.healthReadAt = 0;
    this.diffVersion = null;
    this.diffAgainst = null;
    this.definitions.clear();
    this.showEditErrors(null, []);
    this.savedNote = '';
    setText(byId('app-diff-title'), '');
    byId('app-diff').replaceChildren();
    this.scaleInput.value = '';
    this.taskPager.reset();
  }

  leave() {
    this.tasks.clear();
    this.versions.clear();
    this.status.clear();
    this.appId = null;
  }

  app() {
    return this.store.apps.get(this.appId) ?? null;
  }

  render(now) {
    const app = this.app();
    setText(byId('app-title'), this.appId);
    byId('app-missing').hidden = Boolean(app);
    setText(byId('app-missing'), this.store.unavailable.marathon
      ? `no marathon: ${this.store.unavailable.marathon}` : `There is no app ${this.appId} (any more).`);
    for (const id of ['app-scale', 'app-suspend', 'app-restart', 'app-delete', 'app-save']) {
      const button = byId(id);
      if (!button.classList.contains('busy')) button.disabled = !app;
    }
    if (app && this.scaleInput.placeholder !== String(app.instances ?? '')) {
      this.scaleInput.placeholder = String(app.instances ?? '');
    }
    this.status.render(app ? this.describe(app) : []);
    this.tasks.render(this.taskPager.slice(this.appTasks(), 'tasks').map(task => ({
      task, now, host: task.hostname ?? this.store.agents.get(task.slave_id)?.hostname,
      checks: describeHealthChecks(this.health.get(task.id)), current: app?.version,
    })));
    if (app) {
      this.followEditor(app);
      this.readVersionsOnChange(app);
      this.readHealthOnChange(app);
      this.drawDiff(app);
    }
    this.versions.render(this.versionList.map(version => ({
      version, current: version === app?.version, diffed: version === this.diffVersion,
    })));
  }

  describe(app) {
    const deployments = deploymentsByApp(this.store.deployments).get(app.id) ?? [];
    const queued = this.store.queue.get(app.id);
    return [
      ['Instances', `${formatCount(app.instances)} wanted: ${formatCount(app.tasksRunning)} running, `
        + `${formatCount(app.tasksHealthy)} healthy, ${formatCount(app.tasksUnhealthy)} unhealthy, `
        + `${formatCount(app.tasksStaged)} staged`],
      ['Version', app.version],
      ['Deployment', deployments.map(d => `${d.id}: ${describeDeploymentStep(d)}`).join('; ')],
      ['Why waiting', queued ? describeQueued(queued) : ''],
      ['Last failure', describeFailureFully(app.lastTaskFailure)],
      ['Command', app.cmd ?? (app.container?.docker?.image ? `docker ${app.container.docker.image}` : '')],
    ];
  }

  appTasks() {
    const { revision, tasks } = this.store;
    const key = `${revision.tasks}|${this.appId}`;
    if (this.taskCache?.key !== key) {
      const list = [...tasks.values()].filter(task => appIdOf(task) === this.appId)
        .sort((a, b) => compareText(a.id, b.id));
      this.taskCache = { key, list };
    }
    return this.taskCache.list;
  }

  /**
   * The editor shows the current definition until the operator types; a new version from the server
   * replaces an untouched editor and only shows a note over a changed one.
   */
  followEditor(app) {
    const edited = this.editorBase !== null && this.editor.value !== this.editorBase;
    if (!edited && app.version !== this.editorVersion) {
      this.editor.value = definitionText(app);
      this.editorBase = this.editor.value;
      this.editorVersion = app.version;
    }
    const stale = edited && app.version !== this.editorVersion;
    setText(byId('app-edit-note'), stale
      ? `The app changed on the server (version ${app.version}) since you began editing; discard your changes to see it.`
      : edited ? 'edited, not saved' : this.savedNote);
    byId('app-revert').disabled = !edited;
  }

  revert() {
    this.editorBase = null;
    this.editorVersion = null;
    this.showEditErrors(null, []);
    this.requestRender();
  }

  async save() {
    this.showEditErrors(null, []);
    const text = this.editor.value;
    let answer;
    const ok = await runAction(byId('app-save'), async () => {
      try {
        answer = await marathonApi.updateApp(this.appId, text);
      } catch (error) {
        // the server judges the text as typed, malformed JSON included; its reasons stay beside the editor
        this.showEditErrors(error.message, error.details);
        throw error;
      }
    });
    if (!ok) return;
    // untouched from here on: the new version replaces the text when its event arrives
    this.editorBase = text;
    this.savedNote = `saved: deployment ${answer?.deploymentId ?? '?'} makes version ${answer?.version ?? '?'}`;
    this.requestRender();
  }

  showEditErrors(message, details) {
    setText(byId('app-edit-error'), message);
    byId('app-edit-details').replaceChildren(...(details ?? []).map(detail =>
      el('li', { text: `${detail.path}: ${(detail.errors ?? []).join('; ')}` })));
  }

  async scale() {
    const app = this.app();
    const instances = Number(this.scaleInput.value);
    if (!app) return;
    if (this.scaleInput.value.trim() === '' || !Number.isInteger(instances) || instances < 0) {
      flashError(`enter the number of instances for ${app.id} (a whole number, 0 or more)`);
      return;
    }
    if (instances < app.instances && !await confirmAction(
      `Scale ${app.id} down from ${app.instances} to ${instances}? ${app.instances - instances} of its tasks will be killed.`,
      'scale down')) return;
    if (await runAction(byId('app-scale'), () => marathonApi.scaleApp(app.id, instances))) this.scaleInput.value = '';
  }

  async suspend() {
    const app = this.app();
    if (!app || !await confirmAction(`Suspend ${app.id}? It is scaled to 0 and all its tasks are killed.`,
      'suspend')) return;
    await runAction(byId('app-suspend'), () => marathonApi.scaleApp(app.id, 0));
  }

  async restart() {
    const app = this.app();
    if (!app || !await confirmAction(`Restart ${app.id}? Every task is replaced by a new one.`, 'restart')) return;
    await runAction(byId('app-restart'), () => marathonApi.restartApp(app.id));
  }

  async remove() {
    const app = this.app();
    if (!app || !await confirmAction(`Delete ${app.id}? Its tasks are killed and its definition and versions are gone.`,
      'delete')) return;
    if (await runAction(byId('app-delete'), () => marathonApi.deleteApp(app.id))) location.hash = '#/apps';
  }

  /** The list of versions, read again whenever the app's version moves. */
  readVersionsOnChange(app) {
    if (this.versionsOf === app.version) return;
    this.versionsOf = app.version;
    const appId = this.appId;
    marathonApi.appVersions(appId).then(answer => {
      if (appId !== this.appId) return;
      this.versionList = [...(answer?.versions ?? [])].sort().reverse();
      this.requestRender();
    }, error => flashError(`versions of ${appId}: ${describeError(error)}`));
  }

  /** Health per check lives in Marathon's tasks only; read them when the app's events say something moved. */
  readHealthOnChange(app) {
    if (!app.healthChecks?.length || this.healthOf === app) return;
    const wait = this.healthReadAt + HEALTH_READ_MIN_INTERVAL_MS - Date.now();
    if (wait > 0) {
      clearTimeout(this.healthTimer);
      this.healthTimer = setTimeout(() => this.requestRender(), wait);
      return;
    }
    this.healthOf = app;
    this.healthReadAt = Date.now();
    const appId = this.appId;
    marathonApi.appTasks(appId).then(answer => {
      if (appId !== this.appId) return;
      this.health = new Map((answer?.tasks ?? []).map(task => [task.id, task.healthCheckResults]));
      this.requestRender();
    }, () => {}); // the master's health flag still shows
  }

  async showDiff(version, button) {
    const appId = this.appId;
    const ok = await runAction(button, async () => {
      if (!this.definitions.has(version)) {
        this.definitions.set(version, definitionText(await marathonApi.appVersion(appId, version)));
      }
    });
    if (!ok || appId !== this.appId) return;
    this.diffVersion = version;
    this.diffAgainst = null;
    this.requestRender();
  }

  /** The chosen version against the current one, drawn again whenever the current one moves. */
  drawDiff(app) {
    const before = this.definitions.get(this.diffVersion);
    if (before === undefined || this.diffAgainst === app.version) return;
    this.diffAgainst = app.version;
    const lines = lineDiff(before, definitionText(app));
    const { added, removed } = diffCounts(lines);
    setText(byId('app-diff-title'), added + removed === 0
      ? `Version ${this.diffVersion} is the same definition as the current one.`
      : `From version ${this.diffVersion} to the current one: ${added} line(s) added, ${removed} removed.`);
    byId('app-diff').replaceChildren(...lines.map(({ op, text }) =>
      el('span', { className: op === '+' ? 'added' : op === '-' ? 'removed' : 'same', text: `${op} ${text}\n` })));
  }

  async rollback(version, button) {
    const appId = this.appId;
    if (!await confirmAction(`Roll ${appId} back to version ${version}? A deployment replaces its tasks with that definition.`,
      'roll back')) return;
    await runAction(button, () => marathonApi.rollbackApp(appId, version));
  }
}

function taskRow({ task }) {
  const { tr, cells } = tableRow(task.id, TASK_COLUMNS);
  let current = task;
  const { link, kill } = taskLinkAndKill(cells, task, () => current);
  cells.actions.append(kill);
  return {
    el: tr,
    update({ task: latest, now, host, checks, current: currentVersion }) {
      current = latest;
      setTitle(link, latest.id);
      setText(cells.state, latest.state);
      cells.state.classList.toggle('terminal', isTerminal(latest.state));
      setText(cells.host, host);
      setText(cells.ports, formatPorts(latest.resources?.ports));
      setText(cells.health, checks ?? formatHealth(latest.healthy));
      setTitle(cells.health, checks ?? '');
      setText(cells.age, formatAge(latest.staged_time, now));
      const version = appVersionOf(latest);
      setText(cells.version, version && version === currentVersion ? `${version} (current)` : orDash(version));
      kill.disabled = kill.classList.contains('busy') || !isKillable(latest);
    },
  };
}

function versionRow({ version }, view) {
  const { tr, cells } = tableRow(version, ['version', 'actions']);
  const diff = el('button', {
    className: 'diff-button', text: 'diff', attrs: { type: 'button', 'aria-label': `diff ${version} against the current version` },
  });
  const rollback = el('button', {
    className: 'rollback-button', text: 'roll back', attrs: { type: 'button', 'aria-label': `roll back to ${version}` },
  });
  diff.addEventListener('click', () => view.showDiff(version, diff));
  rollback.addEventListener('click', () => view.rollback(version, rollback));
  cells.actions.append(diff, rollback);
  return {
    el: tr,
    update({ current, diffed }) {
      setText(cells.version, current ? `${version} (current)` : version);
      tr.classList.toggle('current', current);
      tr.classList.toggle('diffed', diffed);
      if (!rollback.classList.contains('busy')) rollback.disabled = current;
    },
  };
}
