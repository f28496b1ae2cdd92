import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterStore } from '../../main/webroot/store.js';

// Mesos's `active` is reachable and not deactivated: a drained agent is not active, yet it is reachable
const agent = (id, fields = {}) => ({ id, hostname: id, active: true, deactivated: false, ...fields });

test('the snapshot tells unreachable agents from deactivated ones', () => {
  const store = new ClusterStore();
  store.replaceMaster({
    slaves: [agent('up'), agent('off', { active: false, deactivated: true }), agent('lost', { active: false })],
    unreachable: [{ id: 'lost', timestamp: 1 }],
  });
  assert.deepEqual(['up', 'off', 'lost'].map(id => store.agents.get(id).reachable), [true, true, false]);
});

test('live: a deactivated agent stays as reachable as it was; registering or going unreachable says which', () => {
  const store = new ClusterStore();
  store.replaceMaster({ slaves: [agent('a')], unreachable: [] });
  store.apply('agents', { ...agent('a', { active: false, deactivated: true }), event: 'updated' });
  assert.equal(store.agents.get('a').reachable, true);
  store.apply('agents', { ...agent('a', { active: false, deactivated: true }), event: 'unreachable' });
  assert.equal(store.agents.get('a').reachable, false);
  store.apply('agents', { ...agent('a', { active: false, deactivated: true }), event: 'updated' });
  assert.equal(store.agents.get('a').reachable, false, 'a drain changed while it is away');
  store.apply('agents', { ...agent('a', { active: false, deactivated: true }), event: 'registered' });
  assert.equal(store.agents.get('a').reachable, true);
  store.apply('agents', { ...agent('a'), event: 'updated' });
  assert.equal(store.agents.get('a').reachable, true, 'reactivated');
  store.apply('agents', { ...agent('a', { active: false }), event: 'updated' });
  assert.equal(store.agents.get('a').reachable, false, 'neither deactivated nor active: unreachable');
});

test('an agent event replaces the agent whole: a drain that ended leaves no drain_info behind', () => {
  const store = new ClusterStore();
  const drained = { state: 'DRAINED', config: { mark_gone: false } };
  store.replaceMaster({ slaves: [agent('a', { active: false, deactivated: true, drain_info: drained })] });
  store.apply('agents', { ...agent('a'), event: 'updated' });
  assert.equal(store.agents.get('a').drain_info, undefined);
  assert.equal(store.agents.get('a').deactivated, false);
});
