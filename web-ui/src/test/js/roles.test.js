import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  depthOf, dominantShare, formatConsumed, formatQuotaResources, formatShare, isOwed, roleRows,
} from '../../main/webroot/roles.js';

const TOTAL = { cpus: 8, mem: 4096, disk: 1000 };

test('the dominant share is the largest fraction of the cluster a holding takes', () => {
  // cpus 2/8 = .25, mem 2048/4096 = .5
  assert.deepEqual(dominantShare({ cpus: 2, mem: 2048 }, TOTAL), { share: 0.5, resource: 'mem' });
  assert.deepEqual(dominantShare({ cpus: 0 }, TOTAL), { share: 0, resource: null });
  assert.deepEqual(dominantShare({ cpus: 1 }, { cpus: 0 }), { share: 0, resource: null });
  assert.equal(formatShare({ share: 0.125, resource: 'cpus' }), '12.5% cpus');
  assert.equal(formatShare({ share: 0, resource: null }), '0%');
});

test('a role holds its own tasks and offers and its subroles, not its namesakes', () => {
  const roles = [
    { name: 'eng', allocated: {}, offered: { cpus: 1 } },
    { name: 'eng/web', allocated: { cpus: 2, mem: 512 }, offered: {} },
    { name: 'engine', allocated: { cpus: 4 }, offered: {} },
  ];
  const rows = roleRows(roles, TOTAL);
  // eng: 1 + 2 cpus of 8 = .375; eng/web: 2 of 8 = .25; engine: 4 of 8 = .5
  assert.deepEqual(rows.map(row => [row.role.name, row.depth, row.held.cpus, row.share]),
    [['eng', 0, 3, 0.375], ['eng/web', 1, 2, 0.25], ['engine', 0, 4, 0.5]]);
  assert.equal(depthOf('a/b/c'), 2);
});

test('a quota reads in words, and a role below its guarantee is owed', () => {
  const quota = { guarantee: { cpus: 3, mem: 1024 }, limit: { cpus: 4 }, consumed: { cpus: 1, mem: 1024 } };
  assert.equal(formatQuotaResources(quota.guarantee), 'cpus 3, mem 1 GB');
  assert.equal(formatQuotaResources(quota.limit), 'cpus 4');
  assert.equal(formatQuotaResources({}), '\u2014');
  assert.equal(formatConsumed(quota), 'cpus 1 of 3, mem 1 GB of 1 GB');
  assert.equal(formatConsumed({ guarantee: {}, limit: { cpus: 4 }, consumed: { cpus: 1 } }), '\u2014');
  assert.equal(isOwed(quota), true);
  assert.equal(isOwed({ ...quota, consumed: { cpus: 3, mem: 1024 } }), false);
  assert.equal(isOwed(undefined), false);
});
