// The last hour of the cluster for the overview's charts: the leader's samples (read at connect from
// /master/history, then one every few seconds on drover.ui.history) turned into the column arrays
// uPlot draws. Pure functions, no DOM.

/** As the leader keeps them: one hour. */
export const HISTORY_KEPT = 720;

const PERCENT_SERIES = [
  ['cpus', 'used'], ['mem', 'used'], ['disk', 'used'], ['cpus', 'offered'], ['mem', 'offered'], ['disk', 'offered'],
];
/** The live task states the tasks chart draws; staging and starting count together. */
const TASK_SERIES = [
  ['running', ['TASK_RUNNING']],
  ['staging', ['TASK_STAGING', 'TASK_STARTING']],
  ['killing', ['TASK_KILLING']],
  ['unreachable', ['TASK_UNREACHABLE']],
];

/** Appends a live sample unless it is not newer than the last one kept (a replay after a catch-up). */
export function appendSample(samples, sample) {
  if (!(Number(sample?.t) > 0)) return samples;
  const last = samples[samples.length - 1];
  if (last && last.t >= sample.t) return samples;
  const next = samples.length >= HISTORY_KEPT ? samples.slice(samples.length - HISTORY_KEPT + 1) : samples.slice();
  next.push(sample);
  return next;
}

const percentOf = (part, total) => (total > 0 ? Math.round((part / total) * 1000) / 10 : 0);

/** [times, cpus used %, mem used %, disk used %, cpus offered %, mem offered %, disk offered %]. */
export function allocationColumns(samples) {
  return [
    samples.map(s => s.t),
    ...PERCENT_SERIES.map(([name, kind]) => samples.map(s => percentOf(s[`${name}_${kind}`], s[`${name}_total`]))),
  ];
}

/** [times, running, staging (and starting), killing, unreachable]. */
export function taskColumns(samples) {
  return [
    samples.map(s => s.t),
    ...TASK_SERIES.map(([, states]) => samples.map(s => states.reduce((sum, state) => sum + (s.tasks?.[state] ?? 0), 0))),
  ];
}

/** [times, launches per second, offers per second], each over the interval before its sample. */
export function rateColumns(samples, intervalMs) {
  const seconds = intervalMs / 1000;
  const perSecond = value => Math.round(((Number(value) || 0) / seconds) * 100) / 100;
  return [samples.map(s => s.t), samples.map(s => perSecond(s.launched)), samples.map(s => perSecond(s.offers))];
}

export const ALLOCATION_LABELS = PERCENT_SERIES.map(([name, kind]) => `${name} ${kind} %`);
export const TASK_LABELS = TASK_SERIES.map(([name]) => name);
export const RATE_LABELS = ['launches/s', 'offers/s'];

/** "running 5, staging 0, ...": the newest value of each series, for a chart's caption. */
export function describeColumns(columns, labels) {
  const [times, ...series] = columns;
  if (times.length === 0) return 'no samples yet';
  return series.map((values, index) =>
    `${labels[index]} ${values[values.length - 1]}`).join(', ');
}
