import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deploymentProgress, describeDeploymentStep, describeHealthChecks, describeQueued } from '../../main/webroot/marathon-text.js';

test('a deployment counts its done steps whole and the current one by its running share', () => {
  const deployment = {
    version: 'v2', currentStep: 2, totalSteps: 2,
    currentActions: [{ action: 'ScaleApplication', app: '/web' }],
  };
  const apps = new Map([['/web', { instances: 4 }]]);
  const progress = deploymentProgress(deployment, apps, () => 1);
  // (1 + 1/4) / 2
  assert.equal(progress.fraction, 0.625);
  assert.equal(progress.actions[0].text, '1 of 4 running');
});

test('a restart counts only tasks of the deployment version', () => {
  const deployment = { version: 'v2', currentStep: 1, totalSteps: 1,
    currentActions: [{ action: 'RestartApplication', app: '/web' }] };
  const apps = new Map([['/web', { instances: 2 }]]);
  const progress = deploymentProgress(deployment, apps, (app, version) => (version === 'v2' ? 1 : 2));
  assert.equal(progress.fraction, 0.5);
  assert.equal(progress.actions[0].text, '1 of 2 running of the new version');
});

test('health per check and the queue read in words', () => {
  assert.equal(describeHealthChecks([{ alive: true }, { alive: false, consecutiveFailures: 3 }]),
    'check 1 healthy, check 2 failing (3 in a row)');
  assert.equal(describeHealthChecks([]), null);
  assert.equal(describeQueued({ count: 2, message: 'no agent has 4 cpus',
    delay: { overdue: false, timeLeftSeconds: 65 } }), '2 waiting: no agent has 4 cpus (backoff 1m 5s)');
});

test('a step names its apps and its pods', () => {
  const deployment = {
    currentStep: 1, totalSteps: 2,
    currentActions: [{ action: 'ScaleApplication', app: '/web' }, { action: 'StartPod', pod: '/db' }],
  };
  assert.equal(describeDeploymentStep(deployment), 'step 1 of 2: ScaleApplication /web, StartPod /db');
});

test("a pod's action counts as not done until its step is", () => {
  const deployment = {
    currentStep: 1, totalSteps: 1,
    currentActions: [{ action: 'ScaleApplication', app: '/web' }, { action: 'StartPod', pod: '/db' }],
  };
  const progress = deploymentProgress(deployment, new Map([['/web', { instances: 1 }]]), () => 1);
  assert.equal(progress.fraction, 0.5);
  assert.deepEqual(progress.actions[1], { action: 'StartPod', app: '/db', share: 0, text: '' });
});
