// How an operator's action runs: its button is disabled while the request is out, and a failure shows
// in the flash banner (#flash), which stays until dismissed or until the next action starts.

import { marathonApi } from './api.js';
import { appIdOf } from './cluster.js';
import { confirmAction } from './confirm.js';
import { byId, el, setText } from './dom.js';

export function initFlash() {
  byId('flash-close').addEventListener('click', clearFlash);
}

export function flashError(message) {
  setText(byId('flash'), message);
  byId('flash').title = `at ${new Date().toLocaleTimeString()}`;
  byId('flash-bar').hidden = false;
}

export function clearFlash() {
  byId('flash-bar').hidden = true;
  setText(byId('flash'), '');
}

/** Runs the action for a button; resolves to true when it succeeded. */
export async function runAction(button, action) {
  clearFlash();
  button.disabled = true;
  button.classList.add('busy'); // lets a re-render tell "busy" from "not allowed"
  try {
    await action();
    return true;
  } catch (error) {
    flashError(describeError(error));
    return false;
  } finally {
    button.classList.remove('busy');
    button.disabled = false;
  }
}

/** Kills through Marathon, which launched the task (and may start a replacement). */
export const killTask = (button, task) => runAction(button, () => marathonApi.killTask(appIdOf(task), task.id));

/** Asks first, then kills. */
/**
 * A task row's id cell (a link to the task's page) and its kill button, which asks first and kills
 * the task as `latest()` last saw it.
 */
export function taskLinkAndKill(cells, task, latest) {
  const link = el('a', { href: `#/tasks/${encodeURIComponent(task.id)}`, text: task.id });
  cells.id.append(link);
  cells.age.classList.add('num');
  const kill = el('button', {
    className: 'kill-button danger', text: 'kill', attrs: { type: 'button', 'aria-label': `kill ${task.id}` },
    on: { click: () => confirmAndKill(kill, latest()) },
  });
  return { link, kill };
}

export async function confirmAndKill(button, task) {
  if (await confirmAction(`Kill task ${task.id}? Marathon starts a replacement.`, 'kill')) return killTask(button, task);
  return false;
}

/** The server's message, then its details as "path: error". */
export function describeError(error) {
  const details = (error.details ?? []).map(detail => `${detail.path}: ${(detail.errors ?? []).join('; ')}`);
  return details.length ? `${error.message} (${details.join(', ')})` : error.message;
}
