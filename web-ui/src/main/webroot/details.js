// A details list (<dl>) of label and value pairs, as the detail pages show them: one row per
// [label, text], found by its data-label, a missing value shown as a dash.

import { el, setText } from './dom.js';
import { orDash } from './format.js';

/** For a KeyedList keyed by label, over [label, text] pairs. */
export function detailRow([label]) {
  const value = el('dd');
  return {
    el: el('div', { dataset: { label } }, el('dt', { text: label }), value),
    update: ([, text]) => setText(value, orDash(text)),
  };
}
