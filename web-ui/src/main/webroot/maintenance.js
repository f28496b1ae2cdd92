// Agents under maintenance, as Mesos 1.11 has it: an agent's own state (deactivated, draining,
// drained: /master/state's `deactivated` and `drain_info`), its machine's (in the maintenance
// schedule, or down: /master/maintenance/status), which of drain and reactivate apply to it, and the
// operator API's calls for them. Pure functions, no DOM.

const DRAIN_STATES = { DRAINING: 'draining', DRAINED: 'drained' };
const UNIT_SECONDS = { s: 1, m: 60, h: 3600 };

/** The agent's own state: 'active', 'deactivated', 'draining' or 'drained'. */
export function maintenanceState(agent) {
  const drain = DRAIN_STATES[agent.drain_info?.state];
  if (drain) return drain;
  return agent.deactivated ? 'deactivated' : 'active';
}

/**
 * 'down', 'maintenance window' (its machine is in the schedule) or null, by the agent's hostname. The
 * page does not know an agent's IP: a machine named by IP alone matches an agent whose hostname is it.
 */
export function machineModeOf(agent, status) {
  const host = String(agent.hostname ?? '').toLowerCase();
  const hosts = machine => Boolean(machine) && (machine.hostname
    ? machine.hostname.toLowerCase() === host : Boolean(machine.ip) && machine.ip === host);
  if ((status?.down_machines ?? []).some(hosts)) return 'down';
  if ((status?.draining_machines ?? []).some(({ id }) => hosts(id))) return 'maintenance window';
  return null;
}

/** In words, for the agents table and the agent's page: "draining", "unreachable, drained", "active, down". */
export function formatAgentState(agent, machineMode) {
  const own = maintenanceState(agent);
  const words = agent.reachable === false ? ['unreachable', ...(own === 'active' ? [] : [own])] : [own];
  if (machineMode) words.push(machineMode);
  return words.join(', ');
}

/** An agent is drained once (Mesos keeps a drain until the agent is reactivated). */
export const canDrain = agent => !agent.drain_info;

/** Reactivate is shown for every deactivated agent: draining and drained ones are deactivated too. */
export const canReactivate = agent => Boolean(agent.deactivated);

/** Why the master would refuse to reactivate the agent now, or null. */
export const reactivationProblem = agent => (agent.drain_info?.state === 'DRAINING'
  ? 'Mesos reactivates a draining agent only once it is drained' : null);

/**
 * The drain's max grace period as typed: "" (none: each task's own kill grace period), seconds
 * ("30", "1.5"), or with a unit ("30s", "5m", "1h"). Answers seconds, or null for none; throws an
 * Error saying what is wrong otherwise.
 */
export function parseGracePeriod(text) {
  const typed = String(text ?? '').trim();
  if (!typed) return null;
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*([smh]?)$/i.exec(typed);
  if (!match) throw new Error(`"${typed}" is no grace period: write seconds (30) or 30s, 5m, 1h`);
  return Number(match[1]) * UNIT_SECONDS[(match[2] || 's').toLowerCase()];
}

/** A drain's max grace period in words ("30s", "none") from its drain_info. */
export function formatGracePeriod(drainInfo) {
  const nanoseconds = drainInfo?.config?.max_grace_period?.nanoseconds;
  return nanoseconds === undefined ? 'none (each task its own)' : `${Number(nanoseconds) / 1e9}s`;
}

/**
 * The operator API's DRAIN_AGENT; no max grace period when {@code graceSeconds} is null. Its
 * max_grace_period is a google.protobuf.Duration, which JSON writes as seconds: "30s", "1.5s".
 */
export function drainCall(agentId, graceSeconds) {
  const drain = { agent_id: { value: agentId } };
  if (graceSeconds !== null && graceSeconds !== undefined) {
    const nanoseconds = Math.round(graceSeconds * 1e9);
    const fraction = String(nanoseconds % 1e9).padStart(9, '0').replace(/0+$/, '');
    drain.max_grace_period = `${Math.floor(nanoseconds / 1e9)}${fraction ? `.${fraction}` : ''}s`;
  }
  return { type: 'DRAIN_AGENT', drain_agent: drain };
}

/** The operator API's REACTIVATE_AGENT. */
export const reactivateCall = agentId => ({
  type: 'REACTIVATE_AGENT', reactivate_agent: { agent_id: { value: agentId } },
});
