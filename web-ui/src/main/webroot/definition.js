// An app definition as an operator edits and compares it: Marathon's JSON without the fields the
// server fills in, and a line diff between two of them. Pure functions, no DOM.

/** What Marathon adds to an app it answers with; none of it is the operator's to write. */
const SERVER_FIELDS = new Set([
  'version', 'versionInfo', 'tasksStaged', 'tasksRunning', 'tasksHealthy', 'tasksUnhealthy',
  'deployments', 'tasks', 'lastTaskFailure', 'readinessCheckResults', 'taskStats',
]);
/** Beyond this many line pairs the diff does not look for common lines: it shows old out, new in. */
const MAX_DIFF_CELLS = 1000000;

/** The definition an operator may edit: the app's fields in the server's order, without the server's own. */
export function editableDefinition(app) {
  const definition = {};
  for (const [name, value] of Object.entries(app ?? {})) {
    if (!SERVER_FIELDS.has(name)) definition[name] = value;
  }
  return definition;
}

/** The editable definition as the editor shows it: two-space JSON. */
export const definitionText = app => JSON.stringify(editableDefinition(app), null, 2);

/**
 * The lines of `before` and `after` as [{op, text}], op ' ' (both), '-' (only before) or '+' (only
 * after), in order: a longest common subsequence of lines, as `diff` shows it.
 */
export function lineDiff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > MAX_DIFF_CELLS) {
    return [...a.map(text => ({ op: '-', text })), ...b.map(text => ({ op: '+', text }))];
  }
  // common[i][j]: length of the longest common subsequence of a[i..] and b[j..]
  const common = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const lines = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ op: ' ', text: a[i++] });
      j++;
    } else if (common[i + 1][j] >= common[i][j + 1]) {
      lines.push({ op: '-', text: a[i++] });
    } else {
      lines.push({ op: '+', text: b[j++] });
    }
  }
  while (i < a.length) lines.push({ op: '-', text: a[i++] });
  while (j < b.length) lines.push({ op: '+', text: b[j++] });
  return lines;
}

/** How many lines a diff adds and removes. */
export function diffCounts(lines) {
  let added = 0;
  let removed = 0;
  for (const { op } of lines) {
    if (op === '+') added++;
    else if (op === '-') removed++;
  }
  return { added, removed };
}
