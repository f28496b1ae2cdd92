// A view's filters and sort order kept in the address (#/tasks?q=web&sort=age&dir=desc), so a
// reload, a bookmark or a link shows the same rows. Written with replaceState: no history entry per
// keystroke, and no hashchange (the view stays as it is).

/** The query part of the current hash. */
export function readQuery() {
  const at = location.hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : location.hash.slice(at + 1));
}

/** Replaces the hash's query with `params` (empty values left out). */
export function writeQuery(params) {
  const path = location.hash.split('?')[0];
  const query = new URLSearchParams(Object.entries(params)
    .filter(([, value]) => value !== '' && value !== null && value !== undefined)).toString();
  const hash = query ? `${path}?${query}` : path;
  if (hash !== location.hash) history.replaceState(null, '', hash);
}

/** The hash without its query: what the router matches. */
export const routePath = hash => hash.split('?')[0];
