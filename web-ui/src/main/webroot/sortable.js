// Sortable columns: every <th data-sort="name"> becomes a button (reachable by keyboard, its state in
// aria-sort); a click sorts by it, a second click reverses. Comparators are given per column name.

import { el } from './dom.js';

export class SortableColumns {
  /** comparators: {name: (a, b) => number}; onChange() after the order changed. */
  constructor(table, comparators, onChange) {
    this.comparators = comparators;
    this.column = null;
    this.direction = 1;
    this.headers = new Map();
    for (const th of table.querySelectorAll('th[data-sort]')) {
      const name = th.dataset.sort;
      const button = el('button', {
        className: 'sort-button', text: th.textContent, attrs: { type: 'button', 'aria-label': `sort by ${th.textContent}` },
      });
      button.addEventListener('click', () => {
        this.set(name, this.column === name ? -this.direction : 1);
        onChange();
      });
      th.replaceChildren(button);
      this.headers.set(name, th);
    }
    this.show();
  }

  /** Sorts by `column` (ignored unless it is one of the table's), 1 ascending, -1 descending. */
  set(column, direction) {
    this.column = this.comparators[column] ? column : null;
    this.direction = direction < 0 ? -1 : 1;
    this.show();
  }

  /** For the address: {sort, dir}, empty when the table's own order applies. */
  state() {
    return this.column ? { sort: this.column, dir: this.direction < 0 ? 'desc' : 'asc' } : { sort: '', dir: '' };
  }

  /** Changes when the order does, for caches of sorted lists. */
  key() {
    return `${this.column}|${this.direction}`;
  }

  /** A sorted copy (a stable sort: ties keep the table's own order), or the list itself. */
  sort(list) {
    if (!this.column) return list;
    const compare = this.comparators[this.column];
    return [...list].sort((a, b) => this.direction * compare(a, b));
  }

  show() {
    for (const [name, th] of this.headers) {
      const sorted = name === this.column;
      th.setAttribute('aria-sort', sorted ? (this.direction < 0 ? 'descending' : 'ascending') : 'none');
      th.classList.toggle('sorted', sorted);
      th.classList.toggle('descending', sorted && this.direction < 0);
    }
  }
}

/** Compares by a number taken from each item (a missing number counts as 0). */
export const byNumber = value => (a, b) => (Number(value(a)) || 0) - (Number(value(b)) || 0);

/** Compares by a text taken from each item, in code-point order. */
export const byText = value => (a, b) => {
  const x = value(a) ?? '';
  const y = value(b) ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};
