import assert from 'node:assert/strict';
import { test } from 'node:test';
import { definitionText, diffCounts, editableDefinition, lineDiff } from '../../main/webroot/definition.js';

test('the editable definition leaves out what Marathon fills in, in the server order', () => {
  const app = { id: '/web', cmd: 'sleep 1', version: 'v2', versionInfo: {}, tasksRunning: 2, deployments: [], instances: 1 };
  assert.deepEqual(Object.keys(editableDefinition(app)), ['id', 'cmd', 'instances']);
  assert.equal(definitionText({ id: '/web', version: 'v' }), '{\n  "id": "/web"\n}');
});

test('a line diff keeps common lines and marks the changed ones', () => {
  const lines = lineDiff('{\n  "cmd": "sleep 1",\n  "mem": 16\n}', '{\n  "cmd": "sleep 2",\n  "mem": 16\n}');
  assert.deepEqual(lines.map(({ op, text }) => `${op}${text}`), [
    ' {', '-  "cmd": "sleep 1",', '+  "cmd": "sleep 2",', '   "mem": 16', ' }',
  ]);
  assert.deepEqual(diffCounts(lines), { added: 1, removed: 1 });
});

test('lines only added or only removed', () => {
  assert.deepEqual(diffCounts(lineDiff('a\nb', 'a\nb\nc')), { added: 1, removed: 0 });
  assert.deepEqual(diffCounts(lineDiff('a\nb\nc', 'c')), { added: 0, removed: 2 });
  assert.deepEqual(diffCounts(lineDiff('same', 'same')), { added: 0, removed: 0 });
});
