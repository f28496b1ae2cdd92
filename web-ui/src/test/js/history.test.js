import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HISTORY_KEPT, allocationColumns, appendSample, describeColumns, rateColumns, taskColumns, TASK_LABELS }
  from '../../main/webroot/history.js';

const sample = (t, extra = {}) => ({
  t, cpus_total: 4, cpus_used: 1, cpus_offered: 2, mem_total: 1000, mem_used: 250, mem_offered: 0,
  disk_total: 0, disk_used: 0, disk_offered: 0, tasks: { TASK_RUNNING: 3, TASK_STAGING: 1, TASK_STARTING: 1 },
  launched: 10, offers: 5, ...extra,
});

test('a live sample is appended once, in time order, and an hour is kept', () => {
  let samples = appendSample([], sample(10));
  samples = appendSample(samples, sample(10)); // replayed
  samples = appendSample(samples, sample(5)); // older
  assert.equal(samples.length, 1);
  for (let t = 11; t < 11 + HISTORY_KEPT; t++) samples = appendSample(samples, sample(t));
  assert.equal(samples.length, HISTORY_KEPT);
  assert.equal(samples[0].t, 11);
});

test('columns: allocation in percent, tasks by state, rates per second', () => {
  const samples = [sample(1)];
  // cpus 1/4 used, mem 250/1000, disk of 0 counts 0; cpus 2/4 offered
  assert.deepEqual(allocationColumns(samples), [[1], [25], [25], [0], [50], [0], [0]]);
  // running 3; staging and starting together 2
  assert.deepEqual(taskColumns(samples), [[1], [3], [2], [0], [0]]);
  // 10 launches and 5 offers over 5 s
  assert.deepEqual(rateColumns(samples, 5000), [[1], [2], [1]]);
  assert.equal(describeColumns(taskColumns(samples), TASK_LABELS), 'running 3, staging 2, killing 0, unreachable 0');
  assert.equal(describeColumns(taskColumns([]), TASK_LABELS), 'no samples yet');
});
