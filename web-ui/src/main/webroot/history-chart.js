// One chart of the last hour on the overview, drawn by uPlot (from npm, bundled into the jar as
// /ui/vendor/uPlot.esm.js). It redraws only when a new sample arrived; its caption says the newest
// values in words, which is also what assistive technology reads instead of the canvas.

import uPlot from './vendor/uPlot.esm.js';
import { setText } from './dom.js';
import { describeColumns } from './history.js';

const HEIGHT_PX = 180;
const COLORS = ['#2f6fde', '#1f8a4c', '#b7791f', '#7c3aed', '#c53030', '#0e7490'];

export class HistoryChart {
  /** columnsOf(samples, intervalMs) gives uPlot's columns: times first, then one array per label. */
  constructor(figure, labels, columnsOf, { dashedFrom = labels.length } = {}) {
    this.figure = figure;
    this.plotArea = figure.querySelector('.chart-plot');
    this.caption = figure.querySelector('.chart-now');
    this.labels = labels;
    this.columnsOf = columnsOf;
    this.dashedFrom = dashedFrom;
    this.plot = null;
    this.drawn = -1;
  }

  render(store) {
    if (this.drawn === store.revision.history && this.plot) return;
    this.drawn = store.revision.history;
    const { samples, intervalMs } = store.history;
    const columns = this.columnsOf(samples, intervalMs);
    if (!this.plot) this.plot = new uPlot(this.options(), columns, this.plotArea);
    else this.plot.setData(columns);
    const words = describeColumns(columns, this.labels);
    setText(this.caption, words);
    this.plotArea.setAttribute('aria-label', words);
    // what tests and tools can read without the canvas
    this.figure.dataset.samples = String(samples.length);
    this.figure.dataset.latest = JSON.stringify(columns.slice(1).map(values => values[values.length - 1] ?? null));
  }

  /** The page's width changed: the chart follows its container. */
  resize() {
    if (this.plot) this.plot.setSize({ width: this.width(), height: HEIGHT_PX });
  }

  width() {
    return Math.max(200, this.plotArea.clientWidth);
  }

  options() {
    return {
      width: this.width(),
      height: HEIGHT_PX,
      scales: { x: { time: true } },
      axes: [{}, { size: 46 }],
      series: [{}, ...this.labels.map((label, index) => ({
        label,
        stroke: COLORS[index % COLORS.length],
        width: 1.5,
        dash: index >= this.dashedFrom ? [5, 4] : undefined,
      }))],
    };
  }
}
