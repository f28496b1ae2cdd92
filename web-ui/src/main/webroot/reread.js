/**
 * When a view reads its data again: once what it depends on has moved (a revision of the store),
 * at most once per interval; a change within the interval is read when it is over (the view is
 * asked to render again then).
 */
export class Reread {
  constructor(minIntervalMs, requestRender) {
    this.minIntervalMs = minIntervalMs;
    this.requestRender = requestRender;
    this.readOf = null; // the revision last read at
    this.readAt = 0;
    this.timer = null;
  }

  /** Whether to read now for {@code revision}; if so, it counts as read. */
  due(revision) {
    if (this.readOf === revision) return false;
    const wait = this.readAt + this.minIntervalMs - Date.now();
    if (wait > 0) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.requestRender(), wait);
      return false;
    }
    this.readOf = revision;
    this.readAt = Date.now();
    return true;
  }

  /** The next render reads again, still no sooner than the interval allows. */
  forget() {
    this.readOf = null;
  }

  /** The next render reads again, at once. */
  reset() {
    this.readOf = null;
    this.readAt = 0;
  }
}
