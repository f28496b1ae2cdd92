import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  canDrain, canReactivate, drainCall, formatAgentState, formatGracePeriod, machineModeOf, maintenanceState,
  parseGracePeriod, reactivateCall, reactivationProblem,
} from '../../main/webroot/maintenance.js';

// as /master/state lists agents: a drain comes with `drain_info`, and deactivates the agent
const ACTIVE = { id: 'a1', hostname: 'node-1', active: true, deactivated: false, reachable: true };
const DEACTIVATED = { ...ACTIVE, active: false, deactivated: true };
const drainInfo = (state, nanoseconds) => ({
  state, config: { mark_gone: false, ...(nanoseconds === undefined ? {} : { max_grace_period: { nanoseconds } }) },
});
const DRAINING = { ...DEACTIVATED, drain_info: drainInfo('DRAINING', 30e9) };
const DRAINED = { ...DEACTIVATED, drain_info: drainInfo('DRAINED') };

// as /master/maintenance/status lists machines: in the schedule (draining), and down
const STATUS = {
  draining_machines: [{ id: { hostname: 'NODE-1', ip: '10.0.0.1' }, statuses: [] }],
  down_machines: [{ ip: '10.0.0.9' }],
};

test("an agent's own state: active, deactivated, draining, drained", () => {
  assert.equal(maintenanceState(ACTIVE), 'active');
  assert.equal(maintenanceState(DEACTIVATED), 'deactivated');
  assert.equal(maintenanceState(DRAINING), 'draining');
  assert.equal(maintenanceState(DRAINED), 'drained');
});

test("an agent's machine is found by its hostname, or by an IP that is its hostname", () => {
  assert.equal(machineModeOf(ACTIVE, STATUS), 'maintenance window', 'hostnames compare ignoring case');
  assert.equal(machineModeOf({ ...ACTIVE, hostname: 'node-2' }, STATUS), null);
  assert.equal(machineModeOf({ ...ACTIVE, hostname: '10.0.0.9' }, STATUS), 'down');
  assert.equal(machineModeOf({ ...ACTIVE, hostname: 'NODE-1' }, { down_machines: [{ hostname: 'node-1' }] }), 'down');
  assert.equal(machineModeOf(ACTIVE, null), null, 'not read yet');
  assert.equal(machineModeOf(ACTIVE, { draining_machines: [{ id: {} }], down_machines: [{}] }), null);
});

test('the state in words: reachability first, then the drain, then the machine', () => {
  assert.equal(formatAgentState(ACTIVE, null), 'active');
  assert.equal(formatAgentState(DRAINING, null), 'draining');
  assert.equal(formatAgentState(ACTIVE, 'maintenance window'), 'active, maintenance window');
  assert.equal(formatAgentState(DEACTIVATED, 'down'), 'deactivated, down');
  assert.equal(formatAgentState({ ...ACTIVE, active: false, reachable: false }, null), 'unreachable');
  assert.equal(formatAgentState({ ...DRAINED, reachable: false }, null), 'unreachable, drained');
});

test('drain until drained; reactivate a deactivated agent, not while it drains', () => {
  assert.equal(canDrain(ACTIVE), true);
  assert.equal(canDrain(DEACTIVATED), true, 'a deactivated agent may still be drained');
  assert.equal(canDrain(DRAINING), false);
  assert.equal(canDrain(DRAINED), false);
  assert.equal(canReactivate(ACTIVE), false);
  for (const agent of [DEACTIVATED, DRAINING, DRAINED]) assert.equal(canReactivate(agent), true);
  assert.equal(reactivationProblem(DRAINED), null);
  assert.equal(reactivationProblem(DEACTIVATED), null);
  assert.match(reactivationProblem(DRAINING), /only once it is drained/);
});

test('a max grace period is seconds, with a unit or without, or none', () => {
  assert.equal(parseGracePeriod(''), null);
  assert.equal(parseGracePeriod('  '), null);
  assert.equal(parseGracePeriod('30'), 30);
  assert.equal(parseGracePeriod('1.5'), 1.5);
  assert.equal(parseGracePeriod('30s'), 30);
  assert.equal(parseGracePeriod('5m'), 300);
  assert.equal(parseGracePeriod('2 H'), 7200);
  assert.equal(parseGracePeriod('0'), 0);
  for (const bad of ['-1', 'soon', '5d', '1e3', '1m30s']) {
    assert.throws(() => parseGracePeriod(bad), /no grace period/, bad);
  }
});

test("the drain's grace period in words", () => {
  assert.equal(formatGracePeriod(DRAINING.drain_info), '30s');
  assert.equal(formatGracePeriod(DRAINED.drain_info), 'none (each task its own)');
});

test("the operator API's calls, as Mesos's JSON has them", () => {
  // max_grace_period is a google.protobuf.Duration: seconds in a string, at most nine decimals
  assert.deepEqual(drainCall('a1', 1.5), {
    type: 'DRAIN_AGENT', drain_agent: { agent_id: { value: 'a1' }, max_grace_period: '1.5s' },
  });
  assert.deepEqual(drainCall('a1', null), { type: 'DRAIN_AGENT', drain_agent: { agent_id: { value: 'a1' } } });
  assert.equal(drainCall('a1', 0).drain_agent.max_grace_period, '0s');
  assert.equal(drainCall('a1', 300).drain_agent.max_grace_period, '300s');
  assert.equal(drainCall('a1', 0.1 + 0.2).drain_agent.max_grace_period, '0.3s');
  assert.equal(drainCall('a1', 0.000000001).drain_agent.max_grace_period, '0.000000001s');
  assert.deepEqual(reactivateCall('a1'), { type: 'REACTIVATE_AGENT', reactivate_agent: { agent_id: { value: 'a1' } } });
});
