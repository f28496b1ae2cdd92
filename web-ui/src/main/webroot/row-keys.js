// Keyboard navigation of every table: from a view's filter box or from inside a row, the arrow keys
// move the focus from row to row (Home and End to the page's first and last), and Enter on a row
// opens its first link, as a click on its id does. One listener for the whole page: rows come and go
// with every render, and each is focusable (tabindex -1) without adding a stop to the Tab order.

const MOVES = {
  ArrowDown: row => row.nextElementSibling,
  ArrowUp: row => row.previousElementSibling,
  Home: row => row.parentElement.firstElementChild,
  End: row => row.parentElement.lastElementChild,
};

export function initRowKeys() {
  document.addEventListener('keydown', event => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target;
    if (target.matches?.('input[type=search]') && event.key === 'ArrowDown') {
      focus(event, firstRowAfter(target));
      return;
    }
    const row = target.closest?.('tbody tr[data-id]');
    if (!row || (target !== row && isEditable(target))) return;
    if (event.key === 'Enter' && target === row) {
      const link = row.querySelector('a[href]');
      if (link) {
        event.preventDefault();
        link.click();
      }
      return;
    }
    const move = MOVES[event.key];
    if (move) focus(event, rowOrNull(move(row)) ?? (event.key === 'ArrowUp' ? filterBefore(row) : null));
  });
}

function focus(event, element) {
  if (!element) return;
  event.preventDefault();
  element.focus();
  element.scrollIntoView?.({ block: 'nearest' });
}

const rowOrNull = element => (element?.matches('tr[data-id]') ? element : null);

const isEditable = element => element.matches('input, textarea, select, [contenteditable]');

/** The first row of the first table in the filter box's view. */
function firstRowAfter(filterBox) {
  return filterBox.closest('section')?.querySelector('table tbody tr[data-id]') ?? null;
}

/** Back from a table's first row to its view's filter box, if it has one. */
function filterBefore(row) {
  return row.closest('section')?.querySelector('input[type=search]') ?? null;
}
