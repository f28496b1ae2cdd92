// #/deployments: Marathon's running deployments, live (each deployments event carries the whole
// list): their steps, where they are and how far the current step got, with rollback and force-stop;
// below, the ones this page saw end.

import { confirmAction } from './confirm.js';
import { runAction } from './actions.js';
import { marathonApi } from './api.js';
import { appIdOf, appVersionOf } from './cluster.js';
import { KeyedList, byId, el, setText } from './dom.js';
import { formatClock } from './format.js';
import { deploymentProgress } from './marathon-text.js';
import { appHref } from './view-apps.js';

export class DeploymentsView {
  constructor({ store }) {
    this.store = store;
    this.section = byId('view-deployments');
    this.running = new KeyedList(byId('deployments-list'), deployment => deployment.id, deploymentCard);
    this.ended = new KeyedList(byId('deployments-ended'), ({ deployment }) => deployment.id, endedRow);
  }

  enter() {}

  leave() {
    this.running.clear();
    this.ended.clear();
  }

  render() {
    const { store } = this;
    const runningOf = this.runningCounter();
    byId('deployments-none').hidden = store.deployments.length > 0;
    this.running.render(store.deployments.map(deployment => ({
      id: deployment.id, deployment, progress: deploymentProgress(deployment, store.apps, runningOf),
    })));
    byId('deployments-ended-none').hidden = store.endedDeployments.length > 0;
    this.ended.render(store.endedDeployments);
  }

  /** Running tasks by app and by app and version, counted once per render from the live tasks. */
  runningCounter() {
    if (this.store.deployments.length === 0) return () => 0;
    const counts = new Map();
    const add = key => counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const task of this.store.tasks.values()) {
      if (task.state !== 'TASK_RUNNING') continue;
      const appId = appIdOf(task);
      add(appId);
      add(`${appId} ${appVersionOf(task)}`);
    }
    return (appId, version) => counts.get(version ? `${appId} ${version}` : appId) ?? 0;
  }
}

function deploymentCard({ deployment }) {
  const { id } = deployment;
  const title = el('h2', { className: 'deployment-title' });
  const fill = el('span', { className: 'bar-fill' });
  const bar = el('span', { className: 'bar', attrs: { role: 'progressbar', 'aria-label': `progress of deployment ${id}`,
    'aria-valuemin': '0', 'aria-valuemax': '100' } }, fill);
  const where = el('span', { className: 'deployment-where' });
  const steps = el('ol', { className: 'steps' });
  const rollback = el('button', { className: 'rollback-button', text: 'roll back',
    attrs: { type: 'button', 'aria-label': `roll back deployment ${id}` } });
  const stop = el('button', { className: 'stop-button danger', text: 'force stop',
    attrs: { type: 'button', 'aria-label': `force-stop deployment ${id}` } });
  rollback.addEventListener('click', async () => {
    if (await confirmAction(`Roll back deployment ${id}? A new deployment returns its apps to where they were before it.`,
      'roll back')) runAction(rollback, () => marathonApi.rollbackDeployment(id));
  });
  stop.addEventListener('click', async () => {
    if (await confirmAction(`Force-stop deployment ${id}? It stops where it is; nothing it did is undone.`,
      'force stop')) runAction(stop, () => marathonApi.stopDeployment(id));
  });
  const card = el('article', { className: 'card deployment', dataset: { id } },
    el('div', { className: 'toolbar' }, title, el('span', { className: 'spacer' }), rollback, stop),
    el('div', { className: 'meter deployment-meter' }, el('span', { className: 'meter-name', text: 'progress' }), bar, where),
    steps);
  return {
    el: card,
    update({ deployment: latest, progress }) {
      setText(title, `${latest.id} (version ${latest.version})`);
      const percent = Math.round(progress.fraction * 100);
      fill.style.width = `${percent}%`;
      bar.setAttribute('aria-valuenow', String(percent));
      setText(where, `step ${latest.currentStep} of ${latest.totalSteps}, ${percent}%`);
      // rebuilt only when what it shows changed, so a link in it stays put under a stream of events
      const shown = JSON.stringify([latest.currentStep, latest.steps, progress.actions.map(action => action.text)]);
      if (shown === steps.dataset.shown) return;
      steps.dataset.shown = shown;
      const actionsNow = new Map(progress.actions.map(action => [`${action.action} ${action.app}`, action.text]));
      steps.replaceChildren(...(latest.steps ?? []).map((step, index) => {
        const number = index + 1;
        const state = number < latest.currentStep ? 'done' : number === latest.currentStep ? 'current' : 'pending';
        return el('li', { className: `step ${state}`, dataset: { step: String(number) } },
          el('span', { className: 'step-state', text: state }),
          ...(step.actions ?? []).map(action => {
            const now = state === 'current' ? actionsNow.get(`${action.action} ${action.app ?? action.pod}`) : '';
            return el('span', { className: 'step-action' },
              // a pod's action names it under "pod"; the dashboard has pages for apps only
              `${action.action} `, action.pod ? el('span', { className: 'mono', text: action.pod })
                : el('a', { href: appHref(action.app), text: action.app }),
              now ? el('span', { className: 'muted', text: ` (${now})` }) : '');
          }));
      }));
    },
  };
}

function endedRow({ deployment, endedAt }) {
  const li = el('li', { dataset: { id: deployment.id } });
  const apps = [...deployment.affectedApps ?? [], ...deployment.affectedPods ?? []].join(', ');
  li.append(el('span', { className: 'muted', text: `${formatClock(endedAt / 1000)} ` }),
    el('span', { className: 'mono', text: deployment.id }), ` ended (${apps}, ${deployment.totalSteps ?? 0} step(s))`);
  return { el: li, update() {} };
}
