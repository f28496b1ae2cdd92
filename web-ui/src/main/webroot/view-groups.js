// #/groups: Marathon's groups as a tree, each with how many apps it holds (its subgroups' included)
// and how many of their instances run, live from the apps; create an empty group, scale all of a
// group's apps by a factor (one deployment), delete a group. The tree's shape is read from
// /v2/groups when the page opens and again when the apps change (at most once a second): empty
// groups exist only there.

import { confirmAction } from './confirm.js';
import { describeError, flashError, runAction } from './actions.js';
import { marathonApi } from './api.js';
import { Reread } from './reread.js';
import { byId, el, setText } from './dom.js';
import { formatCount } from './format.js';
import { summarize } from './groups.js';
import { appHref } from './view-apps.js';

const READ_MIN_INTERVAL_MS = 1000;

export class GroupsView {
  constructor({ store, requestRender }) {
    this.store = store;
    this.requestRender = requestRender;
    this.section = byId('view-groups');
    this.root = null;
    this.reread = new Reread(READ_MIN_INTERVAL_MS, requestRender);
    this.closed = new Set(); // groups the operator folded, kept across redraws
    byId('group-create').addEventListener('click', () => this.create());
    byId('group-new-id').addEventListener('keydown', event => {
      if (event.key === 'Enter') byId('group-create').click();
    });
  }

  enter() {
    this.reread.forget();
  }

  leave() {
    byId('groups-tree').replaceChildren();
    byId('groups-tree').dataset.shown = '';
  }

  render() {
    this.readOnChange();
    if (!this.root) return;
    const tree = summarize(this.root, this.store.apps);
    const shown = JSON.stringify(tree);
    const container = byId('groups-tree');
    if (container.dataset.shown === shown) return;
    container.dataset.shown = shown;
    container.replaceChildren(this.groupNode(tree, true));
  }

  /** The groups again when the apps moved: an app created or deleted may add or empty a group. */
  readOnChange() {
    const revision = this.store.revision.apps;
    if (!this.reread.due(revision)) return;
    marathonApi.groups().then(root => {
      this.root = root;
      setText(byId('groups-error'), '');
      this.requestRender();
    }, error => setText(byId('groups-error'), `the groups cannot be read: ${describeError(error)}`));
  }

  groupNode(group, isRoot) {
    const details = el('details', { className: 'group', dataset: { id: group.id } });
    details.open = !this.closed.has(group.id);
    details.addEventListener('toggle', () => {
      if (details.open) this.closed.delete(group.id);
      else this.closed.add(group.id);
    });
    details.append(el('summary', {},
      el('span', { className: 'mono group-id', text: group.id }),
      el('span', { className: 'muted group-counts',
        text: ` ${formatCount(group.apps)} app(s), ${formatCount(group.running)} of ${formatCount(group.instances)} running` })));
    if (!isRoot) details.append(this.actions(group));
    if (group.ownApps.length) {
      details.append(el('ul', { className: 'plain group-apps' }, ...group.ownApps.map(app => el('li', {},
        el('a', { href: appHref(app.id), text: app.id }),
        el('span', { className: 'muted', text: ` ${formatCount(app.running)} of ${formatCount(app.instances)} running` })))));
    }
    for (const child of group.groups) details.append(this.groupNode(child, false));
    return details;
  }

  actions(group) {
    const factor = el('input', { className: 'scale-factor', attrs: {
      type: 'number', min: '0', step: '0.5', placeholder: '×', 'aria-label': `factor to scale the apps of ${group.id} by` } });
    const scale = el('button', { className: 'group-scale', text: 'scale', attrs: { type: 'button', 'aria-label': `scale ${group.id}` } });
    const remove = el('button', { className: 'group-delete danger', text: 'delete',
      attrs: { type: 'button', 'aria-label': `delete ${group.id}` } });
    scale.addEventListener('click', () => this.scale(group, factor, scale));
    remove.addEventListener('click', () => this.remove(group, remove));
    return el('div', { className: 'group-actions' }, factor, scale, remove);
  }

  async create() {
    const input = byId('group-new-id');
    const id = input.value.trim();
    if (!id) {
      flashError('enter the id of the new group, e.g. /team/web');
      return;
    }
    if (await runAction(byId('group-create'), () => marathonApi.createGroup(id.startsWith('/') ? id : `/${id}`))) {
      input.value = '';
      this.reread.reset();
      this.requestRender();
    }
  }

  async scale(group, input, button) {
    const factor = Number(input.value);
    if (input.value.trim() === '' || !(factor >= 0)) {
      flashError(`enter the factor to scale the apps of ${group.id} by (2 doubles them, 0 suspends them)`);
      return;
    }
    const changes = group.allApps.map(app => ({ id: app.id, instances: Math.round(app.instances * factor) }));
    if (changes.length === 0) {
      flashError(`${group.id} holds no app to scale`);
      return;
    }
    const after = changes.reduce((sum, change) => sum + change.instances, 0);
    if (!await confirmAction(`Scale the ${changes.length} app(s) of ${group.id} by ${factor}: `
      + `${group.instances} instances become ${after}?`, 'scale')) return;
    if (await runAction(button, () => marathonApi.scaleApps(changes))) input.value = '';
  }

  async remove(group, button) {
    if (!await confirmAction(`Delete ${group.id} with its ${group.apps} app(s) and their tasks?`, 'delete')) return;
    if (await runAction(button, () => marathonApi.deleteGroup(group.id))) {
      this.reread.reset();
      this.requestRender();
    }
  }
}
