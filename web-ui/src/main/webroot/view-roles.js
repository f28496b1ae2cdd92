// #/roles: Mesos's roles (/master/roles), each with its weight, its frameworks, what its tasks and
// offers hold, its dominant share of the cluster and its quota; and a form that sets a role's weight
// (PUT /master/weights). Roles are not among the live events: they are read when the page opens and
// again when frameworks, tasks or offers change, at most once a second.

import { runAction } from './actions.js';
import { masterApi } from './api.js';
import { clusterTotals } from './cluster.js';
import { KeyedList, byId, el, filterInput, setText, setTitle, tableRow } from './dom.js';
import { formatMegabytes, formatNumber } from './format.js';
import { formatConsumed, formatQuotaResources, formatShare, isOwed, roleRows } from './roles.js';
import { Reread } from './reread.js';
import { SortableColumns, byNumber, byText } from './sortable.js';
import { readQuery, writeQuery } from './url-state.js';

const READ_MIN_INTERVAL_MS = 1000;
const COLUMNS = ['name', 'weight', 'frameworks', 'cpus', 'mem', 'offeredCpus', 'offeredMem', 'share', 'guarantee',
  'limit', 'consumed'];
const NUMERIC = ['weight', 'cpus', 'mem', 'offeredCpus', 'offeredMem', 'share'];

export class RolesView {
  constructor({ store, requestRender }) {
    this.store = store;
    this.requestRender = requestRender;
    this.section = byId('view-roles');
    this.roles = null; // the last /master/roles read, null until one answered
    // read again when frameworks, tasks or offers move
    this.reread = new Reread(READ_MIN_INTERVAL_MS, requestRender);
    this.reads = 0; // an answer to an older read than the newest is dropped
    this.rows = new KeyedList(byId('roles-table').tBodies[0], ({ role }) => role.name, roleRow);
    const refilter = () => {
      writeQuery({ q: this.filterBox.value.trim(), ...this.columns.state() });
      requestRender();
    };
    this.filterBox = byId('role-filter');
    this.filter = filterInput(this.filterBox, refilter);
    const of = value => item => value(item.role);
    this.columns = new SortableColumns(byId('roles-table'), {
      name: byText(of(role => role.name)),
      weight: byNumber(of(role => role.weight)),
      frameworks: byNumber(of(role => role.frameworks?.length)),
      cpus: byNumber(of(role => role.allocated?.cpus)),
      mem: byNumber(of(role => role.allocated?.mem)),
      offeredCpus: byNumber(of(role => role.offered?.cpus)),
      offeredMem: byNumber(of(role => role.offered?.mem)),
      share: byNumber(item => item.share),
    }, refilter);
    byId('weight-set').addEventListener('click', () => this.setWeight());
    byId('weight-value').addEventListener('keydown', event => {
      if (event.key === 'Enter') byId('weight-set').click();
    });
  }

  /** Filter and order from the address; the roles are read afresh. */
  enter({ query = readQuery() } = {}) {
    this.filterBox.value = query.get('q') ?? '';
    this.columns.set(query.get('sort'), query.get('dir') === 'desc' ? -1 : 1);
    this.reread.reset();
  }

  leave() {
    this.rows.clear();
  }

  /** By name (parents before their subroles, indented under them), unless a column says otherwise. */
  render() {
    this.readOnChange();
    const roles = this.roles ?? [];
    const total = clusterTotals(this.store.agents.values(), this.store.agentUsage()).total;
    const needle = this.filter();
    const indent = !this.columns.column;
    const rows = roleRows(roles, total)
      .filter(row => !needle || row.role.name.toLowerCase().includes(needle))
      .map(row => ({ ...row, indent, frameworks: this.frameworksOf(row.role) }));
    byId('roles-none').hidden = !(this.roles && roles.length === 0);
    this.rows.render(this.columns.sort(rows));
    const names = byId('weight-roles');
    const known = roles.map(role => role.name).join('\n');
    if (names.dataset.shown !== known) {
      names.dataset.shown = known;
      names.replaceChildren(...roles.map(role => el('option', { attrs: { value: role.name } })));
    }
  }

  /** A role's frameworks by id, with their names when the page knows them. */
  frameworksOf(role) {
    return (role.frameworks ?? []).map(id => ({ id, name: this.store.frameworks.get(id)?.name || id }));
  }

  /** The roles again when frameworks, tasks or offers moved: each may change what a role holds. */
  readOnChange() {
    const { frameworks, tasks, offers } = this.store.revision;
    const revision = `${frameworks}|${tasks}|${offers}`;
    if (!this.reread.due(revision)) return;
    const read = ++this.reads;
    masterApi.roles().then(answer => {
      if (read !== this.reads) return;
      this.roles = answer?.roles ?? [];
      setText(byId('roles-error'), '');
      this.requestRender();
    }, error => {
      if (read === this.reads) setText(byId('roles-error'), `the roles cannot be read: ${error.message}`);
    });
  }

  /** The leader judges the weight (a positive number, a valid role name); its reason shows beside the form. */
  async setWeight() {
    const role = byId('weight-role').value.trim();
    const text = byId('weight-value').value.trim();
    setText(byId('weight-note'), '');
    if (!role || text === '') {
      setText(byId('weight-error'), 'enter a role and its weight, e.g. eng and 3');
      return;
    }
    setText(byId('weight-error'), '');
    const weight = Number(text);
    const ok = await runAction(byId('weight-set'), async () => {
      try {
        await masterApi.setWeights([{ role, weight }]);
      } catch (error) {
        setText(byId('weight-error'), error.message);
        throw error;
      }
    });
    if (!ok) return;
    setText(byId('weight-note'), `${role} weighs ${formatNumber(weight)} now`);
    byId('weight-value').value = '';
    this.reread.reset();
    this.requestRender();
  }
}

function roleRow({ role }) {
  const { tr, cells } = tableRow(role.name, COLUMNS);
  for (const name of NUMERIC) cells[name].classList.add('num');
  let frameworksShown = null;
  return {
    el: tr,
    update({ role: latest, depth, indent, share, resource, frameworks }) {
      setText(cells.name, latest.name);
      cells.name.style.setProperty('--depth', indent ? depth : 0);
      setText(cells.weight, formatNumber(latest.weight));
      const shown = JSON.stringify(frameworks);
      if (shown !== frameworksShown) {
        frameworksShown = shown;
        const links = frameworks.flatMap(({ id, name }, index) => [index ? ', ' : ': ',
          el('a', { href: `#/frameworks/${encodeURIComponent(id)}`, text: name, title: id })]);
        cells.frameworks.replaceChildren(String(frameworks.length), ...links);
      }
      setText(cells.cpus, formatNumber(latest.allocated?.cpus));
      setText(cells.mem, formatMegabytes(latest.allocated?.mem));
      setText(cells.offeredCpus, formatNumber(latest.offered?.cpus));
      setText(cells.offeredMem, formatMegabytes(latest.offered?.mem));
      setText(cells.share, formatShare({ share, resource }));
      setTitle(cells.share, `weighted share (share / weight): ${formatNumber(share / (latest.weight || 1) * 100)}%`);
      setText(cells.guarantee, formatQuotaResources(latest.quota?.guarantee));
      setText(cells.limit, formatQuotaResources(latest.quota?.limit));
      setText(cells.consumed, formatConsumed(latest.quota));
      const owed = isOwed(latest.quota);
      cells.consumed.classList.toggle('owed', owed);
      setTitle(cells.consumed, owed ? 'below its guarantee: the allocator holds resources back for it' : '');
    },
  };
}
