// Mesos roles as the roles view shows them: what each role's subtree holds, its dominant share of
// the cluster, its quota in words. Pure functions over /master/roles, no DOM, so node can try them.

import { SCALARS, addScalars, emptyScalars } from './cluster.js';
import { formatNumber, formatScalar, orDash } from './format.js';

/** "eng/web" is 1 deep, "eng" 0: how far a role's name is indented under its parents. */
export const depthOf = name => (String(name).match(/\//g) ?? []).length;

/** True when `role` is `ancestor` or below it ("eng/web" is under "eng", "engine" is not). */
export const isUnder = (role, ancestor) => role === ancestor || role.startsWith(`${ancestor}/`);

/**
 * The largest of a holding's fractions of the cluster's totals: {share, resource}, share 0 and
 * resource null when it holds nothing of a resource the cluster has.
 */
export function dominantShare(held, total) {
  let dominant = { share: 0, resource: null };
  for (const name of SCALARS) {
    const capacity = Number(total?.[name]) || 0;
    const share = capacity > 0 ? (Number(held?.[name]) || 0) / capacity : 0;
    if (share > dominant.share) dominant = { share, resource: name };
  }
  return dominant;
}

/**
 * One row per role: {role, depth, held, share, resource}. A role holds what its own tasks and offers
 * hold and what its subroles' do ("eng" holds eng/web's), as the allocator counts it; the share is
 * that holding's dominant share of `total`, the reachable agents' resources.
 */
export function roleRows(roles, total) {
  return roles.map(role => {
    const held = emptyScalars();
    for (const other of roles) {
      if (isUnder(other.name, role.name)) addScalars(addScalars(held, other.allocated), other.offered);
    }
    return { role, depth: depthOf(role.name), held, ...dominantShare(held, total) };
  });
}

/** 0.25 of cpus -> "25% cpus"; nothing held -> "0%". */
export const formatShare = ({ share, resource }) =>
  (resource ? `${formatNumber(share * 100)}% ${resource}` : '0%');

/** A quota's guarantee or limit in words: "cpus 3, mem 1 GB"; "—" when it names nothing. */
export function formatQuotaResources(resources) {
  const parts = Object.entries(resources ?? {})
    .filter(([, value]) => typeof value === 'number')
    .map(([name, value]) => `${name} ${formatScalar(name, value)}`);
  return orDash(parts.join(', '));
}

/** What the role consumes of each guaranteed resource: "cpus 1 of 3, mem 256 MB of 1 GB"; "—" with no guarantee. */
export function formatConsumed(quota) {
  const parts = Object.entries(quota?.guarantee ?? {})
    .filter(([, value]) => typeof value === 'number')
    .map(([name, value]) =>
      `${name} ${formatScalar(name, Number(quota.consumed?.[name]) || 0)} of ${formatScalar(name, value)}`);
  return orDash(parts.join(', '));
}

/** True when the role holds less than a resource its quota guarantees: the allocator owes it. */
export const isOwed = quota => Object.entries(quota?.guarantee ?? {})
  .some(([name, value]) => typeof value === 'number' && (Number(quota.consumed?.[name]) || 0) < value);
