// Small DOM helpers. Server text only ever enters the page through textContent and attributes.

export const PAGE_SIZE = 100;

export const byId = id => document.getElementById(id);

/** el('td', {className: 'state', text: 'TASK_RUNNING'}, child...); el('a', {href: '#/tasks', text: 'tasks'}) */
export function el(tag, { className, text, title, href, dataset, attrs, on } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (href) node.setAttribute('href', href);
  if (text !== undefined) node.textContent = text;
  if (title) node.title = title;
  Object.assign(node.dataset, dataset);
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  for (const [type, listener] of Object.entries(on ?? {})) node.addEventListener(type, listener);
  node.append(...children);
  return node;
}

/** Writes only on change: most rows are unchanged on most frames. */
export function setText(node, value) {
  const text = value === null || value === undefined ? '' : String(value);
  if (node.textContent !== text) node.textContent = text;
}

export function setTitle(node, value) {
  const title = value ?? '';
  if (node.title !== title) node.title = title;
}

/** A <tr data-id> with one <td class=column> per column, returned with its cells by column name. */
export function tableRow(id, columns) {
  const tr = el('tr', { dataset: { id } });
  tr.tabIndex = -1; // focusable by the arrow keys (row-keys.js), not a Tab stop
  const cells = {};
  for (const column of columns) tr.append(cells[column] = el('td', { className: column }));
  return { tr, cells };
}

/**
 * Keeps a container's children in step with a list of items, reusing each item's element by key:
 * unchanged rows are not touched, so an input being typed in keeps its value and its focus.
 * createRow(item) returns {el, update(item)}; update is called on every render.
 */
export class KeyedList {
  constructor(container, key, createRow) {
    this.container = container;
    this.key = key;
    this.createRow = createRow;
    this.rows = new Map();
  }

  render(items) {
    const wanted = new Map(items.map(item => [this.key(item), item]));
    for (const [key, row] of this.rows) {
      if (!wanted.has(key)) {
        row.el.remove();
        this.rows.delete(key);
      }
    }
    let cursor = this.container.firstChild;
    for (const [key, item] of wanted) {
      let row = this.rows.get(key);
      if (!row) this.rows.set(key, row = this.createRow(item));
      row.update(item);
      // move only what is out of place: moving a focused element would blur it
      if (row.el === cursor) cursor = cursor.nextSibling;
      else this.container.insertBefore(row.el, cursor);
    }
  }

  clear() {
    this.rows.clear();
    this.container.replaceChildren();
  }
}

/** prev/next paging over a list, PAGE_SIZE at a time; it fills its (empty) root with .prev, .page-info and .next. */
export class Pager {
  constructor(root, onChange) {
    this.page = 0;
    this.prev = el('button', { className: 'prev', text: 'prev', attrs: { type: 'button' } });
    this.info = el('span', { className: 'page-info' });
    this.next = el('button', { className: 'next', text: 'next', attrs: { type: 'button' } });
    root.replaceChildren(this.prev, this.info, this.next);
    this.prev.addEventListener('click', () => this.turn(-1, onChange));
    this.next.addEventListener('click', () => this.turn(+1, onChange));
  }

  reset() {
    this.page = 0;
  }

  /** The items of the current page (clamped, as the list may have shrunk), updating the controls. */
  slice(items, noun) {
    const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
    this.page = Math.min(this.page, pages - 1);
    const start = this.page * PAGE_SIZE;
    const end = Math.min(start + PAGE_SIZE, items.length);
    this.prev.disabled = this.page === 0;
    this.next.disabled = this.page >= pages - 1;
    const range = `${start + 1}-${end} of ${items.length.toLocaleString('en-US')} ${noun}`;
    const pageOf = pages > 1 ? ` (page ${this.page + 1} of ${pages})` : '';
    setText(this.info, items.length ? range + pageOf : `no ${noun}`);
    return items.slice(start, end);
  }

  turn(step, onChange) {
    this.page = Math.max(0, this.page + step);
    onChange();
  }
}

/** A filter box: lower-cased text, applied on every keystroke. */
export function filterInput(input, onChange) {
  input.addEventListener('input', onChange);
  return () => input.value.trim().toLowerCase();
}
