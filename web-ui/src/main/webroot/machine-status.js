// The machines in maintenance (/master/maintenance/status) for the agents table and the agent's
// page. Maintenance is not among the live events: it is read when one of them opens and again when
// the agents change (the leader publishes again each agent whose machine went into or out of the
// schedule, down or up), at most once a second.

import { masterApi } from './api.js';
import { Reread } from './reread.js';

const READ_MIN_INTERVAL_MS = 1000;

export class MachineStatus {
  constructor({ store, requestRender }) {
    this.store = store;
    this.requestRender = requestRender;
    this.reread = new Reread(READ_MIN_INTERVAL_MS, requestRender);
    this.status = null; // the last status read, null until one answered
    this.reads = 0; // an answer to an older read than the newest is dropped
    this.answers = 0; // how many reads answered: the agents' order by state may have changed with each
  }

  /** The last status read; reads it again first when the agents moved. */
  current() {
    if (this.reread.due(this.store.revision.agents)) this.read();
    return this.status;
  }

  /** A view opened: read at once. */
  reset() {
    this.reread.reset();
  }

  read() {
    const read = ++this.reads;
    masterApi.maintenanceStatus().then(status => {
      if (read !== this.reads) return;
      this.status = status;
      this.answers++;
      this.requestRender();
    }, error => console.warn('dashboard: the machines in maintenance cannot be read', error));
  }
}
