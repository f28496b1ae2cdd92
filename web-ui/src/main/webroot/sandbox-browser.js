// A task's sandbox, browsed through the master: its directories, and a file viewed (the first
// MAX_VIEW_BYTES of it, unless binary) or downloaded. Read when the operator opens something or asks
// for a fresh listing; the live tails of stdout and stderr stay above it on the task page. The
// directory and the file shown are kept in the address (#/tasks/<id>?dir=out&file=out/log), so a
// reload or a link opens the same place.

import { masterApi } from './api.js';
import { KeyedList, byId, el, setText, tableRow } from './dom.js';
import { formatBytes, formatDateTime } from './format.js';
import { writeQuery } from './url-state.js';

/** How much of a file the page shows; the download has the whole. */
const MAX_VIEW_BYTES = 256 * 1024;

export class SandboxBrowser {
  constructor() {
    this.taskId = null;
    this.path = '';
    this.file = null;
    this.rows = new KeyedList(byId('sandbox-table').tBodies[0], entry => entry.path, entry => entryRow(entry, this));
    byId('sandbox-refresh').addEventListener('click', () => this.browse(this.path));
  }

  /** Opens a task's sandbox at a directory, and a file in it when one is given. */
  async open(taskId, { dir = '', file = null } = {}) {
    this.taskId = taskId;
    this.closeFile();
    await this.browse(dir);
    if (file && taskId === this.taskId) await this.view({ path: file });
  }

  close() {
    this.taskId = null;
    this.rows.clear();
  }

  async browse(path) {
    const taskId = this.taskId;
    this.showError('');
    let listing;
    try {
      listing = await masterApi.sandboxBrowse(taskId, path);
    } catch (error) {
      if (taskId === this.taskId) this.showError(error.message);
      return;
    }
    if (taskId !== this.taskId) return;
    this.path = path;
    this.remember();
    this.renderCrumbs(path);
    this.rows.render(listing?.entries ?? []);
    setText(byId('sandbox-empty'), listing?.entries?.length ? '' : 'This directory is empty.');
  }

  async view(entry) {
    const taskId = this.taskId;
    this.showError('');
    let piece;
    try {
      piece = await masterApi.sandboxRead(taskId, entry.path, 0, MAX_VIEW_BYTES);
    } catch (error) {
      if (taskId === this.taskId) this.showError(error.message);
      return;
    }
    if (taskId !== this.taskId) return;
    this.file = entry.path;
    this.remember();
    byId('sandbox-file').hidden = false;
    setText(byId('sandbox-file-title'), entry.path);
    byId('sandbox-download').href = masterApi.sandboxDownloadUrl(taskId, entry.path);
    byId('sandbox-download').setAttribute('aria-label', `download ${entry.path}`);
    const note = piece.binary
      ? `A binary file of ${formatBytes(piece.size)}: not shown here; download it.`
      : piece.size > piece.length
        ? `The first ${formatBytes(piece.length)} of ${formatBytes(piece.size)} are shown; download it for the whole.`
        : `${formatBytes(piece.size)}`;
    setText(byId('sandbox-file-note'), note);
    setText(byId('sandbox-file-text'), piece.binary ? '' : piece.data);
  }

  closeFile() {
    this.file = null;
    byId('sandbox-file').hidden = true;
    setText(byId('sandbox-file-text'), '');
  }

  renderCrumbs(path) {
    const parts = path ? path.split('/') : [];
    const crumbs = [crumb('sandbox', '', this)];
    parts.forEach((name, index) => {
      crumbs.push(document.createTextNode(' / '));
      crumbs.push(crumb(name, parts.slice(0, index + 1).join('/'), this));
    });
    byId('sandbox-crumbs').replaceChildren(...crumbs);
  }

  remember() {
    writeQuery({ dir: this.path, file: this.file });
  }

  showError(message) {
    setText(byId('sandbox-error'), message);
  }
}

function crumb(text, path, browser) {
  const button = el('button', { className: 'link-button crumb', text, attrs: { type: 'button', 'aria-label': `open ${path || 'the sandbox'}` } });
  button.addEventListener('click', () => browser.browse(path));
  return button;
}

function entryRow(entry, browser) {
  const { tr, cells } = tableRow(entry.path, ['name', 'size', 'mtime', 'actions']);
  cells.size.classList.add('num');
  const isDir = entry.kind === 'dir';
  const open = el('button', {
    className: `link-button ${isDir ? 'open-dir' : 'open-file'}`, text: isDir ? `${entry.name}/` : entry.name,
    attrs: { type: 'button', 'aria-label': `${isDir ? 'open directory' : 'view'} ${entry.path}` },
  });
  open.addEventListener('click', () => (isDir ? browser.browse(entry.path) : browser.view(entry)));
  // a link is followed by the agent, which refuses one that leads out of the sandbox
  if (entry.kind === 'link') open.textContent = `${entry.name} (link)`;
  if (entry.kind === 'other') cells.name.append(el('span', { text: `${entry.name} (not a file)` }));
  else cells.name.append(open);
  if (entry.kind === 'file') {
    cells.actions.append(el('a', {
      className: 'download', text: 'download',
      attrs: { href: masterApi.sandboxDownloadUrl(browser.taskId, entry.path), download: entry.name,
        'aria-label': `download ${entry.path}` },
    }));
  }
  return {
    el: tr,
    update(latest) {
      setText(cells.size, isDir ? '' : formatBytes(latest.size));
      setText(cells.mtime, formatDateTime(latest.mtime));
    },
  };
}
