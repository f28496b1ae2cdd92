// How Marathon's objects read on screen: deployments, task failures, queue entries, health check
// results. Pure functions, no DOM.

import { formatDateTime, formatDuration } from './format.js';

/** "1 (step 1/2)"; falls back to the app's own list before the deployments event arrives. */
export function describeDeployments(deployments, app) {
  if (deployments.length === 0) {
    const own = app.deployments?.length ?? 0;
    return own ? String(own) : '';
  }
  const [first] = deployments;
  const step = first.totalSteps ? ` (step ${first.currentStep}/${first.totalSteps})` : '';
  return `${deployments.length}${step}`;
}

/** "step 1 of 2: RestartApplication /web, ScaleApplication /db". */
export function describeDeploymentStep(deployment) {
  const actions = (deployment.currentActions ?? [])
    .map(action => `${action.action} ${action.app ?? action.pod ?? ''}`.trim());
  const step = deployment.totalSteps ? `step ${deployment.currentStep} of ${deployment.totalSteps}` : 'no steps';
  return actions.length ? `${step}: ${actions.join(', ')}` : step;
}

export function describeFailure(failure) {
  if (!failure) return '';
  return failure.message || failure.state || '';
}

export function failureDetails(failure) {
  if (!failure) return '';
  return [failure.state, failure.taskId, failure.timestamp].filter(Boolean).join(', ');
}

/** "TASK_FAILED on vm at 12:00: exit code 1 (task web.1234)": the whole of a last task failure. */
export function describeFailureFully(failure) {
  if (!failure) return '';
  const when = failure.timestamp ? ` at ${formatDateTime(Date.parse(failure.timestamp) / 1000)}` : '';
  const where = failure.host ? ` on ${failure.host}` : '';
  const what = failure.message ? `: ${failure.message}` : '';
  return `${failure.state ?? 'failed'}${where}${when}${what}${failure.taskId ? ` (task ${failure.taskId})` : ''}`;
}

/** Marathon's own words for why the app waits, with the count and any backoff. */
export function describeQueued(queued) {
  const backoff = queued.delay && !queued.delay.overdue && queued.delay.timeLeftSeconds > 0
    ? ` (backoff ${formatDuration(queued.delay.timeLeftSeconds)})` : '';
  const waiting = queued.count ? `${queued.count} waiting: ` : '';
  return `${waiting}${queued.message ?? 'waiting for offers'}${backoff}`;
}

/**
 * One task's health per check, from Marathon's healthCheckResults: "check 1 healthy, check 2 failing
 * (3 in a row)". Null when Marathon reported no result.
 */
export function describeHealthChecks(results) {
  if (!Array.isArray(results) || results.length === 0) return null;
  return results.map((result, index) => {
    const name = `check ${index + 1}`;
    if (result.alive) return `${name} healthy`;
    const streak = result.consecutiveFailures ? ` (${result.consecutiveFailures} in a row)` : '';
    return `${name} failing${streak}`;
  }).join(', ');
}

/** Actions whose tasks must be of the deployment's version to count as done. */
const REPLACING_ACTIONS = new Set(['RestartApplication']);

/**
 * How far a deployment got: each current action's running/wanted count and a fraction over all
 * steps (done steps count whole, the current one by its actions' share). `apps` is Marathon's apps by
 * id; `runningOf(appId, version)` counts the app's running tasks (of that version, when given).
 */
export function deploymentProgress(deployment, apps, runningOf) {
  const actions = (deployment.currentActions ?? []).map(action => {
    // the dashboard does not follow pods' instances: a pod's action counts as not done until its step is
    if (action.pod) return { action: action.action, app: action.pod, share: 0, text: '' };
    const app = apps.get(action.app);
    const wanted = action.action === 'StopApplication' ? 0 : app?.instances ?? 0;
    const running = REPLACING_ACTIONS.has(action.action)
      ? runningOf(action.app, deployment.version) : runningOf(action.app, null);
    const share = wanted === 0 ? (running === 0 ? 1 : 0) : Math.min(1, running / wanted);
    const versionNote = REPLACING_ACTIONS.has(action.action) ? ' of the new version' : '';
    return { action: action.action, app: action.app, share, text: `${running} of ${wanted} running${versionNote}` };
  });
  const total = deployment.totalSteps || 1;
  const done = Math.max(0, (deployment.currentStep || 1) - 1);
  const current = actions.length ? actions.reduce((sum, action) => sum + action.share, 0) / actions.length : 0;
  return { actions, fraction: Math.min(1, (done + current) / total) };
}
