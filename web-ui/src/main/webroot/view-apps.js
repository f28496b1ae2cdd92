// #/apps: Marathon's apps with their counts, deployments, failures and why they wait, the controls to
// scale, restart and delete them, and the editor that creates one.

import { marathonApi } from './api.js';
import { compareText, deploymentsByApp } from './cluster.js';
import { KeyedList, Pager, byId, el, filterInput, setText, setTitle, tableRow } from './dom.js';
import { SortableColumns, byNumber, byText } from './sortable.js';
import { readQuery, writeQuery } from './url-state.js';
import { formatCount } from './format.js';
import { describeDeployments, describeFailure, describeQueued, failureDetails } from './marathon-text.js';
import { flashError, runAction } from './actions.js';
import { confirmAction } from './confirm.js';

const COLUMNS = ['id', 'instances', 'running', 'healthy', 'staged', 'deployments', 'last-failure', 'pending', 'actions'];
const NUMERIC = ['instances', 'running', 'healthy', 'staged'];

/** What the editor holds at first: the README's example app. */
const EXAMPLE_APP = {
  id: '/hello',
  cmd: 'while true; do echo hello; sleep 5; done',
  cpus: 0.1,
  mem: 32,
  instances: 1,
};

export class AppsView {
  constructor({ store, requestRender }) {
    this.store = store;
    this.requestRender = requestRender;
    this.section = byId('view-apps');
    const showScaled = (appId, instances) => {
      if (!store.apps.has(appId)) return;
      store.upsertApp({ id: appId, instances });
      requestRender();
    };
    this.rows = new KeyedList(byId('apps-table').tBodies[0], ({ app }) => app.id, item => appRow(item, showScaled));
    this.pager = new Pager(byId('apps-pager'), requestRender);
    this.sorted = { key: null, apps: [] };
    const refilter = () => {
      this.pager.reset();
      writeQuery({ q: this.filterBox.value.trim(), ...this.columns.state() });
      requestRender();
    };
    this.filterBox = byId('app-filter');
    this.filter = filterInput(this.filterBox, refilter);
    this.columns = new SortableColumns(byId('apps-table'), {
      id: byText(app => app.id),
      instances: byNumber(app => app.instances),
      running: byNumber(app => app.tasksRunning),
      healthy: byNumber(app => app.tasksHealthy),
      staged: byNumber(app => app.tasksStaged),
    }, refilter);
    this.editor = byId('app-json');
    this.editor.value = JSON.stringify(EXAMPLE_APP, null, 2);
    byId('create-app').addEventListener('click', () => this.create());
  }

  /** Filter and order from the address. */
  enter({ query = readQuery() } = {}) {
    this.filterBox.value = query.get('q') ?? '';
    this.columns.set(query.get('sort'), query.get('dir') === 'desc' ? -1 : 1);
    this.pager.reset();
  }

  leave() {
    this.rows.clear();
  }

  render() {
    const { store } = this;
    const unavailable = byId('apps-unavailable');
    unavailable.hidden = !store.unavailable.marathon;
    setText(unavailable, store.unavailable.marathon ? `no marathon: ${store.unavailable.marathon}` : '');
    const deployments = deploymentsByApp(store.deployments);
    const page = this.pager.slice(this.sortedApps(), 'apps');
    this.rows.render(page.map(app => ({
      app,
      queued: store.queue.get(app.id),
      deployments: deployments.get(app.id) ?? [],
    })));
  }

  /** By id unless a column says otherwise, filtered by id or command; rebuilt when the apps, filter or order changed. */
  sortedApps() {
    const { revision, apps } = this.store;
    const needle = this.filter();
    const key = `${revision.apps}|${needle}|${this.columns.key()}`;
    if (this.sorted.key !== key) {
      const all = [...apps.values()].sort((a, b) => compareText(a.id, b.id))
        .filter(app => !needle || [app.id, app.cmd].some(field => typeof field === 'string' && field.toLowerCase().includes(needle)));
      this.sorted = { key, apps: this.columns.sort(all) };
    }
    return this.sorted.apps;
  }

  async create() {
    this.showCreateErrors(null, []);
    // the text goes as typed: the server judges it, malformed JSON included, and its answer is shown
    const definition = this.editor.value;
    let created;
    const ok = await runAction(byId('create-app'), async () => {
      try {
        created = await marathonApi.createApp(definition);
      } catch (error) {
        this.showCreateErrors(error.message, error.details);
        throw error;
      }
    });
    if (!ok) return;
    // show it now; its event follows with the same data
    if (created?.id) this.store.upsertApp(created);
    location.hash = '#/apps';
    this.requestRender();
  }

  showCreateErrors(message, details) {
    setText(byId('create-error'), message);
    byId('create-details').replaceChildren(...details.map(detail =>
      el('li', { text: `${detail.path}: ${(detail.errors ?? []).join('; ')}` })));
  }
}

/** "#/apps/group/web" for the app /group/web. */
export const appHref = appId => `#/apps/${String(appId).replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/')}`;

function appRow({ app }, showScaled) {
  const appId = app.id;
  const { tr, cells } = tableRow(appId, COLUMNS);
  NUMERIC.forEach(name => cells[name].classList.add('num'));
  const input = el('input', {
    className: 'scale-input',
    attrs: { type: 'number', min: '0', step: '1', 'aria-label': `instances of ${appId}` },
  });
  const button = (className, text, onClick) => {
    const node = el('button', { className, text, attrs: { type: 'button' } });
    node.addEventListener('click', () => onClick(node));
    return node;
  };
  const scale = button('scale-button', 'scale', node => scaleApp(appId, input, node, showScaled));
  input.addEventListener('keydown', event => {
    if (event.key === 'Enter') scale.click();
  });
  const link = el('a', { href: appHref(appId), text: appId });
  cells.id.append(link);
  cells.actions.append(input, scale,
    button('restart-button', 'restart', async node => {
      if (await confirmAction(`Restart ${appId}? Every task is replaced by a new one.`, 'restart')) {
        runAction(node, () => marathonApi.restartApp(appId));
      }
    }),
    button('delete-button danger', 'delete', async node => {
      if (await confirmAction(`Delete ${appId}? Its tasks are killed and its definition and versions are gone.`, 'delete')) {
        runAction(node, () => marathonApi.deleteApp(appId));
      }
    }));
  for (const node of cells.actions.querySelectorAll('button')) node.setAttribute('aria-label', `${node.textContent} ${appId}`);

  return {
    el: tr,
    // the input is never written here, so a re-render keeps what the operator is typing
    update({ app: current, queued, deployments }) {
      setText(cells.instances, formatCount(current.instances));
      const placeholder = String(current.instances ?? '');
      if (input.placeholder !== placeholder) input.placeholder = placeholder;
      setText(cells.running, formatCount(current.tasksRunning));
      setText(cells.healthy, formatCount(current.tasksHealthy));
      setTitle(cells.healthy, current.tasksUnhealthy ? `${current.tasksUnhealthy} unhealthy` : '');
      setText(cells.staged, formatCount(current.tasksStaged));
      setText(cells.deployments, describeDeployments(deployments, current));
      setText(cells['last-failure'], describeFailure(current.lastTaskFailure));
      setTitle(cells['last-failure'], failureDetails(current.lastTaskFailure));
      setText(cells.pending, queued ? describeQueued(queued) : '');
    },
  };
}

async function scaleApp(appId, input, button, showScaled) {
  const instances = Number(input.value);
  if (input.value.trim() === '' || !Number.isInteger(instances) || instances < 0) {
    flashError(`enter the number of instances for ${appId} (a whole number, 0 or more)`);
    return;
  }
  if (await runAction(button, () => marathonApi.scaleApp(appId, instances))) {
    input.value = '';
    showScaled(appId, instances); // Marathon accepted the target; the app's event brings the rest
  }
}
