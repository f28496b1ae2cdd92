// The live feed: the SockJS event-bus bridge and the catch-up rule that keeps the store exact across
// reconnects. On every open: register all handlers, buffer what arrives, load each source's snapshot
// once the server confirms its topics, replace the store's part with it, apply the buffered events, render.

const EVENTBUS_URL = '/eventbus';
const EVENTBUS_OPTIONS = { vertxbus_reconnect_delay_min: 500, vertxbus_reconnect_delay_max: 8000 };
const ADDRESS_PREFIX = 'drover.ui.';
/**
 * A failed snapshot is retried after these delays: a node that just (re)started may not know the
 * leader yet and answers 503 for a moment. Bounded, so a Marathon that is really absent is not polled.
 */
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16000];
/** After that, events from the source say it is back; they retry it at most this often. */
const REVIVE_MIN_INTERVAL_MS = 10000;
/**
 * The server confirms each registration once the cluster knows it ({event: "subscribed"} on the
 * topic); only then is a snapshot sure to miss no event. A confirmation that never comes waits this long.
 */
const SUBSCRIBED = 'subscribed';
/** The confirmation is the bare {event: "subscribed"}: a framework's own "subscribed" event carries the framework. */
const isConfirmation = body => body?.event === SUBSCRIBED && Object.keys(body).length === 1;
const CONFIRM_TIMEOUT_MS = 5000;

/**
 * A source is one snapshot and the topics it covers:
 * {name, topics, load(): Promise<snapshot>, replace(snapshot), fail(error)}.
 * While a source catches up, events on its topics wait in its buffer; other sources stay live.
 */
export class LiveFeed {
  constructor({ sources, apply, changed, onStatus }) {
    this.sources = new Map(sources.map(source => [source.name,
      { ...source, run: 0, buffer: null, startedAt: 0, failed: false, retries: 0, retryTimer: null }]));
    this.sourceOfTopic = new Map();
    for (const source of this.sources.values()) source.topics.forEach(topic => this.sourceOfTopic.set(topic, source));
    this.apply = apply;
    this.changed = changed;
    this.onStatus = onStatus;
    this.connection = 0; // bumped per open, so handlers of a dead socket are ignored
    this.attempt = 0;
    this.everOpened = false;
  }

  start() {
    if (typeof EventBus !== 'function') {
      this.onStatus({ live: false, text: 'offline: the event-bus client did not load' });
      this.resyncAll();
      return;
    }
    this.onStatus({ live: false, text: 'connecting...' });
    const bus = new EventBus(EVENTBUS_URL, EVENTBUS_OPTIONS);
    bus.enableReconnect(true);
    bus.onopen = () => this.opened(bus);
    bus.onclose = () => this.closed();
    bus.onerror = error => console.warn('dashboard: event bus error', error);
  }

  /**
   * Reloads one source's snapshot, buffering its events meanwhile; a newer call supersedes an older
   * one. A call that is not itself a retry gives the source a fresh budget of retries.
   */
  async resync(name, { retry = false } = {}) {
    const source = this.sources.get(name);
    const run = ++source.run;
    if (!retry) source.retries = 0;
    // events already held since the socket opened stay: they may be newer than nothing we have
    source.buffer = source.buffer ?? [];
    source.startedAt = Date.now();
    let snapshot;
    let failure = null;
    try {
      snapshot = await source.load();
    } catch (error) {
      failure = error;
    }
    if (run !== source.run) return; // a newer catch-up owns the buffer now
    try {
      if (failure) throw failure;
      source.replace(snapshot);
      source.failed = false;
    } catch (error) {
      // also a snapshot that cannot be applied: the buffer below must be released either way
      source.failed = true;
      source.fail(error);
      if (source.retries < RETRY_DELAYS_MS.length) this.retryLater(source, RETRY_DELAYS_MS[source.retries++]);
    }
    const buffered = source.buffer;
    source.buffer = null;
    buffered.forEach(([topic, body]) => this.deliver(topic, body));
    this.changed();
  }

  /** Events from a failed source: retry it, but not sooner than the minimum interval after the last try. */
  revive(source) {
    this.retryLater(source, source.startedAt + REVIVE_MIN_INTERVAL_MS - Date.now());
  }

  /** One pending retry per source at most, and none while a catch-up is already running. */
  retryLater(source, delayMs) {
    if (source.retryTimer) return;
    source.retryTimer = setTimeout(() => {
      source.retryTimer = null;
      if (source.failed && !source.buffer) this.resync(source.name, { retry: true });
    }, Math.max(0, delayMs));
  }

  resyncAll() {
    for (const name of this.sources.keys()) this.resync(name);
  }

  opened(bus) {
    const connection = ++this.connection;
    this.attempt = 0;
    this.everOpened = true;
    this.onStatus({ live: true, text: 'live' });
    // hold every event from now on; each source loads its snapshot once all its topics are confirmed
    const unconfirmed = new Map();
    for (const source of this.sources.values()) {
      source.run++; // a catch-up of the previous connection is void
      source.buffer = [];
      unconfirmed.set(source.name, new Set(source.topics));
    }
    const confirmed = (name, topic) => {
      const waiting = unconfirmed.get(name);
      waiting?.delete(topic);
      if (waiting && (topic === null || waiting.size === 0)) {
        unconfirmed.delete(name);
        this.resync(name);
      }
    };
    // the client forgets its handlers when the socket drops: register them on every open
    for (const topic of this.sourceOfTopic.keys()) {
      bus.registerHandler(ADDRESS_PREFIX + topic, {}, (error, message) => {
        if (connection !== this.connection) return;
        if (error) console.warn(`dashboard: ${topic} handler error`, error);
        else if (isConfirmation(message.body)) confirmed(this.sourceOfTopic.get(topic).name, topic);
        else this.receive(topic, message.body);
      });
    }
    setTimeout(() => {
      if (connection === this.connection) [...unconfirmed.keys()].forEach(name => confirmed(name, null));
    }, CONFIRM_TIMEOUT_MS);
  }

  closed() {
    this.connection++;
    this.attempt++;
    this.onStatus({ live: false, text: `reconnecting (attempt ${this.attempt})...` });
    // the bridge may be down while the REST API is up: show the last state once instead of nothing
    if (!this.everOpened && this.attempt === 1) this.resyncAll();
  }

  receive(topic, body) {
    if (!body || typeof body !== 'object') return;
    const source = this.sourceOfTopic.get(topic);
    if (source?.buffer) {
      source.buffer.push([topic, body]);
      return;
    }
    this.deliver(topic, body);
    this.changed();
    // events from a source whose snapshot failed say it is back: its snapshot is worth another try
    if (source?.failed) this.revive(source);
  }

  deliver(topic, body) {
    try {
      this.apply(topic, body);
    } catch (error) {
      // one malformed event must not stop the ones behind it
      console.error(`dashboard: cannot apply ${topic} event`, body, error);
    }
  }
}
