import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarize } from '../../main/webroot/groups.js';

test('a group counts its subgroups apps, with instances and running from the live apps', () => {
  const root = { id: '/', apps: [], groups: [
    { id: '/team', apps: [{ id: '/team/web', instances: 1 }], groups: [
      { id: '/team/db', apps: [{ id: '/team/db/pg', instances: 1 }], groups: [] },
      { id: '/team/empty', apps: [], groups: [] },
    ] },
  ] };
  const live = new Map([['/team/web', { instances: 3, tasksRunning: 2 }], ['/team/db/pg', { instances: 1, tasksRunning: 1 }]]);
  const tree = summarize(root, live);
  assert.equal(tree.apps, 2);
  assert.equal(tree.instances, 4);
  assert.equal(tree.running, 3);
  const [team] = tree.groups;
  assert.deepEqual(team.groups.map(group => [group.id, group.apps]), [['/team/db', 1], ['/team/empty', 0]]);
  assert.deepEqual(team.allApps.map(app => app.id), ['/team/web', '/team/db/pg']);
});
