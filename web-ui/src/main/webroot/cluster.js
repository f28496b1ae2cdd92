// The cluster's rules as the dashboard needs them: task states, resources and the aggregates the
// views show. Pure functions over plain objects, no DOM, so node can try them.

export const TERMINAL_STATES = new Set([
  'TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_ERROR',
  'TASK_LOST', 'TASK_DROPPED', 'TASK_GONE', 'TASK_GONE_BY_OPERATOR',
]);

/** The order states are listed in: a task's life first, then the ways it ends. */
const STATE_ORDER = [
  'TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING', 'TASK_UNREACHABLE',
  'TASK_FINISHED', 'TASK_KILLED', 'TASK_FAILED', 'TASK_ERROR', 'TASK_LOST', 'TASK_DROPPED',
  'TASK_GONE', 'TASK_GONE_BY_OPERATOR', 'TASK_UNKNOWN',
];

/** The scalar resources the dashboard adds up. */
export const SCALARS = ['cpus', 'mem', 'disk'];

export const isTerminal = state => TERMINAL_STATES.has(state);

/** The Marathon app a task belongs to, or null for tasks of other frameworks. */
export const appIdOf = task => task.labels?.find?.(l => l.key === "DROVER_APP_ID")?.value ?? null;

/** The version of its app's definition a Marathon task was launched from. */
export const appVersionOf = task => task.labels?.find?.(l => l.key === 'DROVER_APP_VERSION')?.value ?? null;

/** Active tasks can be killed through Marathon only when Marathon launched them. */
export const isKillable = task => !isTerminal(task.state) && appIdOf(task) !== null;

/** "[31000-31002,31005-31005]" -> [[31000, 31002], [31005, 31005]]; unreadable parts are skipped. */
export function parsePortRanges(text) {
  if (typeof text !== 'string') return [];
  const ranges = [];
  for (const part of text.replace(/[[\]\s]/g, '').split(',')) {
    if (!part) continue;
    const [begin, end = begin] = part.split('-').map(Number);
    if (Number.isInteger(begin) && Number.isInteger(end) && begin <= end) ranges.push([begin, end]);
  }
  return ranges;
}

export const countPorts = ranges => ranges.reduce((sum, [begin, end]) => sum + end - begin + 1, 0);

/** [[31000, 31002], [31005, 31005]] -> "31000-31002, 31005". */
export const formatPortRanges = ranges =>
  ranges.map(([begin, end]) => (begin === end ? String(begin) : `${begin}-${end}`)).join(', ');

export const emptyScalars = () => ({ cpus: 0, mem: 0, disk: 0 });

/** Adds the scalars of `resources` into `into` (missing or odd values count as 0). */
export function addScalars(into, resources) {
  for (const name of SCALARS) into[name] += Number(resources?.[name]) || 0;
  return into;
}

/** What live tasks use, grouped by keyOf(task): Map key -> {cpus, mem, disk, tasks}. */
export function usageBy(tasks, keyOf) {
  const usage = new Map();
  for (const task of tasks) {
    const key = keyOf(task);
    if (isTerminal(task.state) || !key) continue;
    let used = usage.get(key);
    if (!used) usage.set(key, used = { ...emptyScalars(), tasks: 0 });
    addScalars(used, task.resources);
    used.tasks++;
  }
  return usage;
}

/** Counted from tasks, because agent and framework events are not repeated on every task change. */
export const usageByAgent = tasks => usageBy(tasks, task => task.slave_id);
export const usageByFramework = tasks => usageBy(tasks, task => task.framework_id);

/** Capacity and use of the reachable agents, plus how many agents are reachable or not. */
export function clusterTotals(agents, usage) {
  const totals = { active: 0, unreachable: 0, total: emptyScalars(), used: emptyScalars() };
  for (const agent of agents) {
    if (agent.reachable === false) {
      totals.unreachable++;
      continue;
    }
    totals.active++;
    addScalars(totals.total, agent.resources);
    addScalars(totals.used, usage.get(agent.id));
  }
  return totals;
}

/** [[state, count], ...] over all given task collections, in STATE_ORDER (unknown states last). */
export function countByState(...taskCollections) {
  const counts = new Map();
  for (const tasks of taskCollections) {
    for (const task of tasks) counts.set(task.state, (counts.get(task.state) ?? 0) + 1);
  }
  const rank = state => {
    const index = STATE_ORDER.indexOf(state);
    return index < 0 ? STATE_ORDER.length : index;
  };
  return [...counts].sort(([a], [b]) => rank(a) - rank(b) || compareText(a, b));
}

/** Agent attributes arrive as text ("rack:r1;zone:a") or as an object ({rack: "r1"}). */
export function formatAttributes(attributes) {
  if (typeof attributes === 'string') return attributes;
  if (!attributes || typeof attributes !== 'object') return '';
  return Object.entries(attributes).map(([name, value]) => `${name}:${value}`).join(';');
}

/** The deployments touching each app, by app id. */
export function deploymentsByApp(deployments) {
  const byApp = new Map();
  for (const deployment of deployments) {
    for (const appId of deployment.affectedApps ?? []) {
      if (!byApp.has(appId)) byApp.set(appId, []);
      byApp.get(appId).push(deployment);
    }
  }
  return byApp;
}

/** The task filter: a case-insensitive substring of the id, app, state or host. */
export function taskMatches(task, needle) {
  if (!needle) return true;
  return [task.id, appIdOf(task), task.state, task.hostname]
    .some(field => typeof field === 'string' && field.toLowerCase().includes(needle));
}

/** Plain code-point order: stable, and much cheaper than localeCompare on 10,000 rows. */
export const compareText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
