// The dashboard's entry point. It only wires things together:
//
//   live events --> LiveFeed (buffers during catch-up) --> ClusterStore <-- snapshots (api.js)
//                                                             |
//   hash route --> the current view <-- one render per animation frame, when something changed
//
// Views read the store and keep their rows keyed by id; nothing polls: data changes arrive as events.

import { marathonApi, masterApi } from './api.js';
import { initFlash } from './actions.js';
import { initConfirm } from './confirm.js';
import { KeyedList, byId, el, setText } from './dom.js';
import { LiveFeed } from './live.js';
import { MachineStatus } from './machine-status.js';
import { initRowKeys } from './row-keys.js';
import { readQuery, routePath } from './url-state.js';
import { signIn } from './session.js';
import { ClusterStore } from './store.js';
import { AgentView } from './view-agent.js';
import { AgentsView } from './view-agents.js';
import { AppView } from './view-app.js';
import { AppsView } from './view-apps.js';
import { DeploymentsView } from './view-deployments.js';
import { FrameworkView } from './view-framework.js';
import { FrameworksView } from './view-frameworks.js';
import { GroupsView } from './view-groups.js';
import { OffersView } from './view-offers.js';
import { OverviewView } from './view-overview.js';
import { RolesView } from './view-roles.js';
import { TaskView } from './view-task.js';
import { TasksView } from './view-tasks.js';

/** Ages ("3m 5s") go stale without events; re-render them this often. Nothing is fetched. */
const AGE_REFRESH_MS = 5000;
const DEFAULT_ROUTE = '#/overview';
const MASTER_TOPICS = ['leader', 'agents', 'tasks', 'offers', 'frameworks', 'history'];
const MARATHON_TOPICS = ['apps', 'deployments'];

const store = new ClusterStore();
let framePending = false;
let current = null; // {route, view, key}
/** Ten renders a second at most: live enough for people, light enough under a flood of events. */
const MIN_RENDER_INTERVAL_MS = 100;
let lastRenderAt = 0;

/**
 * Marks the page dirty; however many events arrive, it renders once in the next frame, and at most
 * every MIN_RENDER_INTERVAL_MS: a deploy of thousands of tasks must not re-sort them sixty times a second.
 */
function requestRender() {
  if (framePending) return;
  framePending = true;
  const wait = Math.max(0, lastRenderAt + MIN_RENDER_INTERVAL_MS - performance.now());
  setTimeout(() => requestAnimationFrame(renderFrame), wait);
}

function renderFrame() {
  framePending = false;
  lastRenderAt = performance.now();
  renderNotices();
  try {
    current?.view.render(Date.now() / 1000);
  } catch (error) {
    console.error('dashboard: render failed', error);
  }
}

const notices = new KeyedList(byId('notices'), notice => notice.source, () => {
  const node = el('p', { className: 'notice' });
  return { el: node, update: notice => setText(node, notice.text) };
});

/** A source whose snapshot failed is named at the top of every view; the rest stays live. */
function renderNotices() {
  const { master, marathon } = store.unavailable;
  notices.render([
    ...(master ? [{ source: 'master', text: `no master state: ${master}` }] : []),
    ...(marathon ? [{ source: 'marathon', text: `no marathon: ${marathon}` }] : []),
  ]);
}

function createViews() {
  const context = { store, requestRender, machines: new MachineStatus({ store, requestRender }) };
  return {
    overview: new OverviewView(context),
    agents: new AgentsView(context),
    offers: new OffersView(context),
    frameworks: new FrameworksView(context),
    tasks: new TasksView(context),
    task: new TaskView(context),
    apps: new AppsView(context),
    app: new AppView(context),
    deployments: new DeploymentsView(context),
    agent: new AgentView(context),
    groups: new GroupsView(context),
    framework: new FrameworkView(context),
    roles: new RolesView(context),
  };
}

const ROUTES = [
  { pattern: /^#\/overview\/?$/, view: 'overview', nav: 'nav-overview' },
  { pattern: /^#\/agents\/?$/, view: 'agents', nav: 'nav-agents' },
  { pattern: /^#\/agents\/(.+)$/, view: 'agent', nav: 'nav-agents', params: match => ({ id: decodeSegment(match[1]) }) },
  { pattern: /^#\/offers\/?$/, view: 'offers', nav: 'nav-offers' },
  { pattern: /^#\/frameworks\/?$/, view: 'frameworks', nav: 'nav-frameworks' },
  { pattern: /^#\/frameworks\/(.+)$/, view: 'framework', nav: 'nav-frameworks',
    params: match => ({ id: decodeSegment(match[1]) }) },
  { pattern: /^#\/roles\/?$/, view: 'roles', nav: 'nav-roles' },
  { pattern: /^#\/tasks\/?$/, view: 'tasks', nav: 'nav-tasks' },
  { pattern: /^#\/tasks\/(.+)$/, view: 'task', nav: 'nav-tasks', params: match => ({ id: decodeSegment(match[1]) }) },
  { pattern: /^#\/apps\/?$/, view: 'apps', nav: 'nav-apps' },
  { pattern: /^#\/groups\/?$/, view: 'groups', nav: 'nav-groups' },
  { pattern: /^#\/deployments\/?$/, view: 'deployments', nav: 'nav-deployments' },
  // an app's id keeps its slashes: #/apps/group/web is the app /group/web
  { pattern: /^#\/apps\/(.+)$/, view: 'app', nav: 'nav-apps', params: match => ({ id: appIdOfRoute(match[1]) }) },
];

function decodeSegment(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray "%" in a typed-in id: take it as written
  }
}

function appIdOfRoute(path) {
  return `/${path.split('/').filter(Boolean).map(decodeSegment).join('/')}`;
}

function route(views) {
  const hash = location.hash;
  const path = routePath(hash);
  const found = ROUTES.map(candidate => ({ candidate, match: candidate.pattern.exec(path) }))
    .find(({ match }) => match);
  if (!found) {
    location.replace(DEFAULT_ROUTE);
    return;
  }
  if (current?.key === hash) return;
  if (current) {
    current.view.leave();
    current.view.section.hidden = true;
  }
  const { candidate, match } = found;
  const view = views[candidate.view];
  current = { view, key: hash };
  for (const { nav } of ROUTES) byId(nav).classList.toggle('active', nav === candidate.nav);
  view.section.hidden = false;
  // a view's filters and sort order come from the address's query (#/tasks?q=web&sort=age)
  view.enter({ ...(candidate.params ? candidate.params(match) : {}), query: readQuery() });
  requestRender();
}

function createFeed() {
  const feed = new LiveFeed({
    sources: [
      {
        name: 'master',
        topics: MASTER_TOPICS,
        load: loadMaster,
        replace: ({ state, history }) => {
          store.replaceMaster(state);
          store.replaceHistory(history);
        },
        fail: error => store.markUnavailable('master', error.message),
      },
      {
        name: 'marathon',
        topics: MARATHON_TOPICS,
        load: loadMarathon,
        replace: snapshot => store.replaceMarathon(snapshot),
        fail: error => store.markUnavailable('marathon', error.message),
      },
    ],
    apply: (topic, body) => {
      const newLeader = topic === 'leader' && body.event === 'elected' && !isKnownLeader(body);
      store.apply(topic, body);
      // a new leader has its own state (stepping down already shows as a notice)
      if (newLeader) feed.resync('master');
    },
    changed: requestRender,
    onStatus: ({ live, text }) => {
      const indicator = byId('connection');
      indicator.className = live ? 'live' : 'down';
      setText(indicator, text);
    },
  });
  return feed;
}

/** A snapshot taken after the election already has this leader: no need to load it again. */
function isKnownLeader({ master_id: masterId, epoch }) {
  return store.leader?.master_id === masterId && store.leader?.epoch === epoch && !store.unavailable.master;
}

/** The master's state, and its last hour for the charts (the page works without it: the charts start empty). */
async function loadMaster() {
  const [state, history] = await Promise.all([
    masterApi.state(),
    masterApi.history().catch(error => {
      console.warn('dashboard: no history from the leader', error);
      return null;
    }),
  ]);
  return { state, history };
}

async function loadMarathon() {
  const [apps, queue, deployments] = await Promise.all([
    marathonApi.apps(), marathonApi.queue(), marathonApi.deployments(),
  ]);
  return { apps: apps?.apps ?? [], queue: queue?.queue ?? [], deployments: deployments ?? [] };
}

async function main() {
  await signIn();
  initFlash();
  initConfirm();
  initRowKeys();
  setText(byId('served-by'), `served by ${location.host}`);
  const views = createViews();
  window.addEventListener('hashchange', () => route(views));
  route(views);
  createFeed().start();
  setInterval(requestRender, AGE_REFRESH_MS);
}

main();
