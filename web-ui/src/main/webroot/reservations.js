// An agent's reservations as the dashboard shows them, from the master's agent JSON:
// `reserved_resources` by role (static ones from its --resources and dynamic ones made through the
// master, added up) and `unreserved_resources`. Pure functions, no DOM, so node can try them.

import { SCALARS, compareText } from './cluster.js';
import { formatPorts, formatScalar, orDash } from './format.js';

/** The roles an agent reserves something for, by name: [{role, resources}]. */
export function reservationsOf(agent) {
  return Object.entries(agent?.reserved_resources ?? {})
    .filter(([, resources]) => Object.values(resources ?? {}).some(holds))
    .sort(([a], [b]) => compareText(a, b))
    .map(([role, resources]) => ({ role, resources }));
}

/** A scalar above 0 or a non-empty range: what counts as reserving something. */
const holds = value => (typeof value === 'number' ? value > 0 : Boolean(formatPorts(value)));

/** The scalars of a reservation in words, cpus, mem and disk first: "cpus 2, mem 512 MB". */
export function formatReservedScalars(resources) {
  const names = Object.keys(resources ?? {}).filter(name => typeof resources[name] === 'number' && resources[name] > 0)
    .sort((a, b) => rank(a) - rank(b) || compareText(a, b));
  return names.map(name => `${name} ${formatScalar(name, resources[name])}`).join(', ');
}

const rank = name => (SCALARS.includes(name) ? SCALARS.indexOf(name) : SCALARS.length);

/** The agents table's cell: "db: cpus 2, mem 512 MB; web: cpus 1"; "—" when the agent reserves nothing. */
export function formatReservations(agent) {
  return orDash(reservationsOf(agent).map(({ role, resources }) => `${role}: ${compact(resources)}`).join('; '));
}

/** Its scalars, or its ranges when it reserves only those ("ports 31100-31109"). */
const compact = resources => formatReservedScalars(resources) || Object.entries(resources)
  .filter(([, value]) => typeof value === 'string').map(([name, value]) => `${name} ${formatPorts(value)}`).join(', ');

/**
 * The agent page's rows: one per role ({role, cpus, mem, disk, ports} in words, "—" for what it does
 * not reserve), then what is left for any role ({role: null, ...}); none when nothing is reserved.
 */
export function reservationRows(agent) {
  const reserved = reservationsOf(agent);
  if (reserved.length === 0) return [];
  const row = (role, resources) => ({
    role,
    cpus: amount('cpus', resources),
    mem: amount('mem', resources),
    disk: amount('disk', resources),
    ports: orDash(formatPorts(resources?.ports)),
  });
  return [...reserved.map(({ role, resources }) => row(role, resources)),
    row(null, agent.unreserved_resources ?? {})];
}

const amount = (name, resources) =>
  (Number(resources?.[name]) > 0 ? formatScalar(name, resources[name]) : orDash(''));

/**
 * The agents table's order for its "reserved" column: agents reserving nothing first, then by the
 * roles reserved for (by name), then by the cpus, mem and disk reserved in all.
 */
export function compareReservations(a, b) {
  const x = reservationsOf(a);
  const y = reservationsOf(b);
  const roles = list => list.map(({ role }) => role).join('\n');
  const total = (list, name) => list.reduce((sum, { resources }) => sum + (Number(resources[name]) || 0), 0);
  return (x.length > 0) - (y.length > 0) || compareText(roles(x), roles(y))
    || SCALARS.reduce((order, name) => order || total(x, name) - total(y, name), 0);
}
