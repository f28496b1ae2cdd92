// How numbers, times and resources read on screen. Pure functions, no DOM.

import { formatPortRanges, parsePortRanges } from './cluster.js';

const MB_PER_GB = 1024;
const EM_DASH = '\u2014';

/** 0.1 + 0.2 should read "0.3": at most two decimals, no trailing zeros. */
export const formatNumber = value => String(Math.round((Number(value) || 0) * 100) / 100);

/** Sizes come in MB, as Mesos counts them. */
export function formatMegabytes(mb) {
  const value = Number(mb) || 0;
  if (Math.abs(value) < MB_PER_GB) return `${formatNumber(value)} MB`;
  if (Math.abs(value) < MB_PER_GB * MB_PER_GB) return `${formatNumber(value / MB_PER_GB)} GB`;
  return `${formatNumber(value / MB_PER_GB / MB_PER_GB)} TB`;
}

/** Byte counts, as log offsets give them: 65536 -> "64 KB". */
export function formatBytes(bytes) {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = Number(bytes) || 0;
  let unit = 0;
  for (; value >= 1024 && unit < units.length - 1; unit++) value /= 1024;
  return `${formatNumber(value)} ${units[unit]}`;
}

/** One scalar resource in its unit: mem and disk in MB/GB/TB, cpus (and gpus) as a number. */
export const formatScalar = (name, value) =>
  (name === 'mem' || name === 'disk' ? formatMegabytes(value) : formatNumber(value));

export const formatUsedOfTotal = (name, used, total) => `${formatScalar(name, used)} / ${formatScalar(name, total)}`;

/** A resources object in one line: "0.1 cpus, 32 MB mem, 0 MB disk, ports 31000-31002". */
export function formatResources(resources) {
  if (!resources) return '';
  const parts = [
    `${formatNumber(resources.cpus)} cpus`,
    `${formatMegabytes(resources.mem)} mem`,
    `${formatMegabytes(resources.disk)} disk`,
  ];
  const ports = formatPorts(resources.ports);
  if (ports) parts.push(`ports ${ports}`);
  return parts.join(', ');
}

export const formatPorts = text => formatPortRanges(parsePortRanges(text));

export const formatCount = count => (Number(count) || 0).toLocaleString('en-US');

/** 42 -> "42s", 185 -> "3m 5s", 7500 -> "2h 5m", 200000 -> "2d 7h". */
export function formatDuration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** How long ago an epoch-seconds instant was; empty when it is unknown. */
export const formatAge = (epochSeconds, nowSeconds) =>
  (Number(epochSeconds) > 0 ? formatDuration(nowSeconds - epochSeconds) : '');

const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** An epoch-seconds instant as a local wall-clock time, for the offers stream. */
export const formatClock = epochSeconds => (Number(epochSeconds) > 0 ? clock.format(epochSeconds * 1000) : '');

/** An epoch-seconds instant as "2024-05-01 12:03:04" in local time. */
export function formatDateTime(epochSeconds) {
  if (!(Number(epochSeconds) > 0)) return '';
  const d = new Date(epochSeconds * 1000);
  const two = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} `
    + `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** Mesos reports health as true, false or null (no health check). */
export const formatHealth = healthy => (healthy === true ? 'healthy' : healthy === false ? 'unhealthy' : EM_DASH);

export const orDash = value => (value === null || value === undefined || value === '' ? EM_DASH : String(value));

/** "master-1 10.0.0.5:5050" for a LeaderInfo. */
export const formatMaster = info => `${info.master_id ?? '?'} ${info.hostname ?? '?'}:${info.port ?? '?'}`;
