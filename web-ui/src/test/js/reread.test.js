import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Reread } from '../../main/webroot/reread.js';

test('a view reads once per revision, and a change within the interval waits for it', () => {
  let renders = 0;
  const reread = new Reread(60_000, () => renders++);
  assert.equal(reread.due(1), true);
  assert.equal(reread.due(1), false);
  // a new revision within the interval: not now, a render is asked for when it is over
  assert.equal(reread.due(2), false);
  clearTimeout(reread.timer);
  assert.equal(renders, 0);
  reread.forget();
  assert.equal(reread.due(1), false, 'forget still keeps to the interval');
  clearTimeout(reread.timer);
  reread.reset();
  assert.equal(reread.due(2), true, 'reset reads at once');
});
