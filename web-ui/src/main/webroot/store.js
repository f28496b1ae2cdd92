// The dashboard's picture of the cluster: Maps keyed by id, replaced wholesale by a snapshot and
// upserted by live events. No DOM here; views read it, the live feed writes it.

import { isTerminal, usageByAgent, usageByFramework } from './cluster.js';
import { appendSample } from './history.js';

/** How many finished tasks are remembered, like the master's own completed list. */
const COMPLETED_TASKS_KEPT = 1000;
/** How many ended deployments the deployments view remembers. */
const ENDED_DEPLOYMENTS_KEPT = 20;
/** How many offer events the offers stream keeps. */
const OFFER_EVENTS_KEPT = 200;

const byId = items => new Map((items ?? []).filter(item => item?.id).map(item => [item.id, item]));

export class ClusterStore {
  constructor() {
    this.leader = null; // LeaderInfo of the leading master, or null while none is known
    this.masters = [];
    this.agents = new Map();
    this.frameworks = new Map();
    this.tasks = new Map(); // live tasks only
    this.completedTasks = new Map(); // oldest first, so the first key is the one to forget
    this.offers = new Map(); // outstanding offers
    this.offerEvents = []; // newest first: {seq, event, timestamp, offer}
    this.offerEventSeq = 0;
    this.apps = new Map();
    this.queue = new Map(); // by app id
    this.deployments = [];
    /** The leader's samples of the last hour, oldest first, and how far apart they are. */
    this.history = { intervalMs: 5000, samples: [] };
    this.endedDeployments = []; // newest first: {deployment, endedAt (epoch ms)}, as this page saw them go
    /** Why a source's snapshot could not be read (null when it could): shown as a notice. */
    this.unavailable = { master: null, marathon: null };
    /** Bumped on every change of a collection, so views can reuse sorted lists until it moves. */
    this.revision = { agents: 0, tasks: 0, frameworks: 0, offers: 0, apps: 0, history: 0 };
    this.usageCache = new Map(); // grouping -> {revision, usage}
  }

  /** Applies one live event published on drover.ui.<topic>, or several gathered in one message. */
  apply(topic, body) {
    if (Array.isArray(body.events)) return body.events.forEach(event => this.apply(topic, event));
    switch (topic) {
      case 'leader': return this.applyLeader(body);
      case 'agents': return this.applyAgent(body);
      case 'tasks': return this.applyTask(body);
      case 'offers': return this.applyOffer(body);
      case 'frameworks': return this.applyFramework(body);
      case 'apps': return this.applyApp(body);
      case 'deployments': return this.applyDeployments(body);
      case 'history': return this.applyHistorySample(body);
      default: return console.warn('dashboard: event on unknown topic', topic);
    }
  }

  /** Replaces everything the master's state covers with its snapshot (GET master/state). */
  replaceMaster(state) {
    this.unavailable.master = null;
    this.leader = state.leader_info ?? null;
    this.masters = state.masters ?? [];
    this.agents = byId(state.slaves);
    // `active` is reachable and not deactivated: which agents are unreachable, the state says apart
    const unreachable = new Set((state.unreachable ?? []).map(({ id }) => id));
    for (const agent of this.agents.values()) agent.reachable = !unreachable.has(agent.id);
    this.frameworks = new Map();
    this.tasks = new Map();
    this.completedTasks = new Map();
    this.offers = new Map();
    for (const { tasks = [], offers = [], completed_tasks: completed = [], ...framework } of state.frameworks ?? []) {
      this.frameworks.set(framework.id, framework);
      tasks.forEach(task => this.putTask(task));
      completed.forEach(task => this.putTask(task));
      offers.forEach(offer => this.offers.set(offer.id, offer));
    }
    (state.completed_tasks ?? []).forEach(task => this.putTask(task));
    this.bump('agents', 'tasks', 'frameworks', 'offers');
  }

  /** Replaces the charts' history with the leader's (a new leader has its own). */
  replaceHistory(history) {
    this.history = { intervalMs: Number(history?.interval_ms) || 5000, samples: [] };
    for (const sample of history?.samples ?? []) this.history.samples = appendSample(this.history.samples, sample);
    this.bump('history');
  }

  applyHistorySample(sample) {
    this.history.samples = appendSample(this.history.samples, sample);
    this.bump('history');
  }

  /** Replaces apps, launch queue and deployments with Marathon's snapshot. */
  replaceMarathon({ apps, queue, deployments }) {
    this.unavailable.marathon = null;
    this.apps = byId(apps);
    this.queue = new Map((queue ?? []).filter(entry => entry.app?.id).map(entry => [entry.app.id, entry]));
    this.replaceDeployments(deployments);
    this.bump('apps');
  }

  markUnavailable(source, message) {
    this.unavailable[source] = message;
  }

  applyLeader({ event, timestamp, ...leader }) {
    if (event === 'elected') {
      this.leader = leader;
    } else if (event === 'stepped_down' && (!this.leader || this.leader.master_id === leader.master_id)) {
      this.leader = null;
      this.unavailable.master = `master ${leader.master_id ?? ''} stepped down; waiting for a new leader`;
    }
  }

  applyAgent({ event, timestamp, ...agent }) {
    if (event === 'removed') {
      this.agents.delete(agent.id);
    } else {
      const known = this.agents.get(agent.id);
      const active = event === 'unreachable' ? false : agent.active ?? true;
      // a deactivated agent is never active: whether it is reachable only its events tell
      const reachable = event === 'unreachable' ? false : event === 'registered' ? true
        : !agent.deactivated ? agent.active ?? true : known?.reachable ?? true;
      // whole, not merged: a field left out says something too (no drain_info: no drain)
      this.agents.set(agent.id, { ...agent, active, reachable });
    }
    this.bump('agents');
  }

  applyTask({ event, timestamp, ...update }) {
    if (!update.id) return;
    const finished = this.completedTasks.get(update.id);
    if (finished) {
      // a finished task never runs again: a live state for it is a late or replayed update
      if (isTerminal(update.state)) this.completedTasks.set(update.id, { ...finished, ...update });
    } else {
      // merge: an update for a task the master does not know carries only id, state and ids
      this.putTask({ ...this.tasks.get(update.id), ...update });
    }
    this.bump('tasks');
  }

  applyOffer({ event, timestamp, ...offer }) {
    if (event === 'created') this.offers.set(offer.id, offer);
    else this.offers.delete(offer.id);
    this.offerEvents.unshift({ seq: ++this.offerEventSeq, event, timestamp, offer });
    if (this.offerEvents.length > OFFER_EVENTS_KEPT) this.offerEvents.length = OFFER_EVENTS_KEPT;
    this.bump('offers');
  }

  applyFramework({ event, timestamp, ...framework }) {
    if (event === 'removed') this.frameworks.delete(framework.id);
    else this.frameworks.set(framework.id, { ...this.frameworks.get(framework.id), ...framework });
    this.bump('frameworks');
  }

  applyApp({ event, id, app, queue }) {
    if (event === 'removed') {
      this.apps.delete(id);
      this.queue.delete(id);
    } else if (app?.id) {
      this.upsertApp(app);
      if (queue) this.queue.set(app.id, queue);
      else this.queue.delete(app.id);
    }
    this.bump('apps');
  }

  applyDeployments({ deployments }) {
    this.replaceDeployments(deployments);
    this.bump('apps');
  }

  /** Marathon lists only running deployments: one that leaves the list has ended (done, rolled back or stopped). */
  replaceDeployments(deployments) {
    const next = deployments ?? [];
    const running = new Set(next.map(deployment => deployment.id));
    const endedAt = Date.now();
    for (const deployment of this.deployments) {
      if (!running.has(deployment.id)) this.endedDeployments.unshift({ deployment, endedAt });
    }
    this.endedDeployments.length = Math.min(this.endedDeployments.length, ENDED_DEPLOYMENTS_KEPT);
    this.deployments = next;
  }

  /** Merges, so an update without the embedded lastTaskFailure keeps the one we know. */
  upsertApp(app) {
    this.apps.set(app.id, { ...this.apps.get(app.id), ...app });
    this.bump('apps');
  }

  findTask(id) {
    return this.tasks.get(id) ?? this.completedTasks.get(id) ?? null;
  }

  /** Live-task usage by agent id, recomputed at most once per change of the tasks. */
  agentUsage() {
    return this.cachedUsage(usageByAgent);
  }

  frameworkUsage() {
    return this.cachedUsage(usageByFramework);
  }

  cachedUsage(grouping) {
    let cached = this.usageCache.get(grouping);
    if (cached?.revision !== this.revision.tasks) {
      cached = { revision: this.revision.tasks, usage: grouping(this.tasks.values()) };
      this.usageCache.set(grouping, cached);
    }
    return cached.usage;
  }

  putTask(task) {
    if (!isTerminal(task.state)) {
      this.tasks.set(task.id, task);
      return;
    }
    this.tasks.delete(task.id);
    this.completedTasks.delete(task.id); // re-insert at the newest end
    this.completedTasks.set(task.id, task);
    if (this.completedTasks.size > COMPLETED_TASKS_KEPT) {
      this.completedTasks.delete(this.completedTasks.keys().next().value);
    }
  }

  bump(...collections) {
    for (const name of collections) this.revision[name]++;
  }
}
