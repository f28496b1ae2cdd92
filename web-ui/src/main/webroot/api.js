// The REST side: snapshots and operator actions, through the serving node's /ui/api forwarders.
// URLs are relative, so the page works the same from every master or marathon node.

import { sessionEnded } from './session.js';

const MASTER = 'ui/api/master';
const MARATHON = 'ui/api/marathon';
/** A snapshot or action that has not answered by then will not; say so instead of spinning. */
const REQUEST_TIMEOUT_MS = 15000;

/** A failed request: HTTP status (0 when there was no answer), the server's message and details. */
export class ApiError extends Error {
  constructor(status, message, details = []) {
    super(message);
    this.status = status;
    this.details = details;
  }
}

export const masterApi = {
  state: () => request('GET', `${MASTER}/master/state`),
  /** The leader's last hour of samples: {interval_ms, samples}. */
  history: () => request('GET', `${MASTER}/master/history`),
  taskFileUrl: (taskId, file) => `${MASTER}/master/tasks/${encodeURIComponent(taskId)}/files/${file}`,
  /** A directory of a task's sandbox, by its path relative to the sandbox ("" for the sandbox itself). */
  sandboxBrowse: (taskId, path) => request('GET', sandboxUrl(taskId, 'browse', { path })),
  /** A piece of a sandbox file: {size, offset, length, binary, data}. */
  sandboxRead: (taskId, path, offset, length) => request('GET', sandboxUrl(taskId, 'read', { path, offset, length })),
  sandboxDownloadUrl: (taskId, path) => sandboxUrl(taskId, 'download', { path }),
  /** The roles with their weights, quotas, frameworks and what they hold: {roles: [...]}. */
  roles: () => request('GET', `${MASTER}/master/roles`),
  /** Sets roles' weights: [{role, weight}]; the leader refuses a bad one (400) and keeps them all. */
  setWeights: weights => request('PUT', `${MASTER}/master/weights`, weights),
  /** The machines in maintenance: {draining_machines: [{id, statuses}], down_machines: [{hostname, ip}]}. */
  maintenanceStatus: () => request('GET', `${MASTER}/master/maintenance/status`),
  /** A call of Mesos's operator API in JSON (DRAIN_AGENT, REACTIVATE_AGENT, ...); the leader's reason comes as text. */
  operatorCall: call => request('POST', `${MASTER}/api/v1`, call),
};

export const marathonApi = {
  apps: () => request('GET', `${MARATHON}/v2/apps?embed=apps.lastTaskFailure`),
  queue: () => request('GET', `${MARATHON}/v2/queue?embed=drover`),
  deployments: () => request('GET', `${MARATHON}/v2/deployments`),
  /** Rolls a deployment back (a new deployment to the state before it). */
  rollbackDeployment: id => request('DELETE', `${MARATHON}/v2/deployments/${encodeURIComponent(id)}`),
  /** Stops a deployment where it is: nothing is undone. */
  stopDeployment: id => request('DELETE', `${MARATHON}/v2/deployments/${encodeURIComponent(id)}?force=true`),
  // the app definition as the user wrote it, sent unparsed
  createApp: text => request('POST', `${MARATHON}/v2/apps`, text),
  scaleApp: (appId, instances) => request('PUT', `${appUrl(appId)}?force=true`, { instances }),
  restartApp: appId => request('POST', `${appUrl(appId)}/restart?force=true`),
  deleteApp: appId => request('DELETE', `${appUrl(appId)}?force=true`),
  /** The whole definition as typed, replacing the current one (fields left out take their defaults). */
  updateApp: (appId, text) => request('PUT', `${appUrl(appId)}?partialUpdate=false`, text),
  /** A body of only a version rolls back to it (a new deployment of that definition). */
  rollbackApp: (appId, version) => request('PUT', appUrl(appId), { version }),
  groups: () => request('GET', `${MARATHON}/v2/groups`),
  createGroup: id => request('POST', `${MARATHON}/v2/groups`, { id }),
  deleteGroup: id => request('DELETE', `${MARATHON}/v2/groups/${pathOf(id)}?force=true`),
  /** Several apps' instance counts in one deployment: [{id, instances}]. */
  scaleApps: changes => request('PUT', `${MARATHON}/v2/apps?force=true`, changes),
  appTasks: appId => request('GET', `${appUrl(appId)}/tasks`),
  appVersions: appId => request('GET', `${appUrl(appId)}/versions`),
  appVersion: (appId, version) => request('GET', `${appUrl(appId)}/versions/${encodeURIComponent(version)}`),
  killTask: (appId, taskId) => request('DELETE', `${appUrl(appId)}/tasks/${encodeURIComponent(taskId)}`),
};

function sandboxUrl(taskId, operation, params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined));
  return `${MASTER}/master/tasks/${encodeURIComponent(taskId)}/sandbox/${operation}?${query}`;
}

/** "/group/hello" -> "ui/api/marathon/v2/apps/group/hello": the slashes of a nested id stay path separators. */
function appUrl(appId) {
  return `${MARATHON}/v2/apps/${pathOf(appId)}`;
}

/** "/group/hello" -> "group/hello", each segment encoded. */
function pathOf(id) {
  return String(id).replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/');
}

async function request(method, url, body) {
  const init = { method, headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    const timedOut = error?.name === 'TimeoutError';
    throw new ApiError(0, timedOut ? `no answer within ${REQUEST_TIMEOUT_MS / 1000}s` : 'the server cannot be reached');
  }
  const payload = await readPayload(response);
  if (response.ok && payload?.unreadable) {
    // a 2xx that is not JSON was cut short on its way: never take it for an (empty) snapshot
    throw new ApiError(response.status, 'the answer was incomplete');
  }
  if (response.status === 401) {
    sessionEnded();
  }
  if (!response.ok) {
    const message = payload?.message ?? `${response.status} ${response.statusText}`.trim();
    throw new ApiError(response.status, message, Array.isArray(payload?.details) ? payload.details : []);
  }
  return payload;
}

/** JSON when the body is JSON; a proxy's plain-text error page becomes {message}. */
async function readPayload(response) {
  const text = await response.text().catch(() => null);
  if (text === null) return { message: 'the answer was cut short', unreadable: true };
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 300), unreadable: true };
  }
}
