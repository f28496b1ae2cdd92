// #/offers: the live stream of offer events (newest first) and the offers outstanding now.

import { compareText } from './cluster.js';
import { KeyedList, Pager, byId, el, setText, setTitle, tableRow } from './dom.js';
import { formatClock, formatCount, formatDateTime, formatResources } from './format.js';

const OFFER_COLUMNS = ['id', 'framework', 'host', 'resources'];

export class OffersView {
  constructor({ store, requestRender }) {
    this.store = store;
    this.section = byId('view-offers');
    this.frameworkName = id => store.frameworks.get(id)?.name ?? id ?? '';
    this.stream = new KeyedList(byId('offers-stream'), entry => entry.seq, entry => streamEntry(entry, this.frameworkName));
    this.outstanding = new KeyedList(byId('offers-table').tBodies[0], offer => offer.id,
      offer => offerRow(offer, this.frameworkName));
    this.pager = new Pager(byId('offers-pager'), requestRender);
  }

  enter() {}

  leave() {
    this.stream.clear();
    this.outstanding.clear();
  }

  render() {
    const { offers, offerEvents } = this.store;
    this.stream.render(offerEvents);
    setText(byId('offers-outstanding-count'), formatCount(offers.size));
    const sorted = [...offers.values()].sort((a, b) => compareText(a.hostname ?? '', b.hostname ?? '')
      || compareText(a.id, b.id));
    this.outstanding.render(this.pager.slice(sorted, 'offers'));
  }
}

/** One stream entry; entries never change, so it is written once. */
function streamEntry({ event, timestamp, offer }, frameworkName) {
  const kind = /^[a-z]+$/.test(event ?? '') ? event : 'unknown';
  const node = el('li', { className: `offer offer-${kind}`, title: `${offer.id} at ${formatDateTime(timestamp)}` },
    el('span', { className: 'time', text: formatClock(timestamp) }),
    el('span', { className: 'event', text: event ?? '?' }),
    el('span', { className: 'framework', text: frameworkName(offer.framework_id) }),
    el('span', { className: 'host', text: offer.hostname ?? offer.agent_id ?? '' }),
    el('span', { className: 'resources', text: formatResources(offer.resources) }));
  return { el: node, update() {} };
}

function offerRow(offer, frameworkName) {
  const { tr, cells } = tableRow(offer.id, OFFER_COLUMNS);
  return {
    el: tr,
    update(current) {
      setText(cells.id, current.id);
      setTitle(cells.id, current.id);
      const resources = formatResources(current.resources);
      setText(cells.framework, frameworkName(current.framework_id));
      setText(cells.host, current.hostname ?? current.agent_id);
      setText(cells.resources, resources);
      setTitle(cells.resources, resources);
    },
  };
}
