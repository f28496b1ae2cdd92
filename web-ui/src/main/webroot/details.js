// A details list (<dl>) of label and value pairs, as the detail pages show them: one row per
// [label, value], found by its data-label. A value is text (a missing one shown as a dash) or a list
// of links [{text, href}], shown comma-separated.

import { el, setText } from './dom.js';
import { orDash } from './format.js';

/** For a KeyedList keyed by label, over [label, value] pairs. */
export function detailRow([label]) {
  const value = el('dd');
  let linksShown = null;
  return {
    el: el('div', { dataset: { label } }, el('dt', { text: label }), value),
    update: ([, content]) => {
      if (!Array.isArray(content) || content.length === 0) {
        linksShown = null;
        setText(value, orDash(Array.isArray(content) ? '' : content));
        return;
      }
      const shown = JSON.stringify(content);
      if (shown === linksShown) return;
      linksShown = shown;
      value.replaceChildren(...content.flatMap(({ text, href }, index) =>
        [...(index ? [', '] : []), el('a', { href, text })]));
    },
  };
}
