import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compareReservations, formatReservations, formatReservedScalars, reservationRows, reservationsOf,
} from '../../main/webroot/reservations.js';

const DASH = '\u2014';

// as the master lists an agent started with "cpus:1;mem:256;cpus(db):2;mem(db):512;ports(db):[31100-31109]"
const DB_AGENT = {
  id: 'a1',
  resources: { cpus: 3, mem: 768, ports: '[31100-31109]' },
  reserved_resources: { db: { cpus: 2, mem: 512, ports: '[31100-31109]' } },
  unreserved_resources: { cpus: 1, mem: 256 },
};
const PLAIN_AGENT = { id: 'a2', resources: { cpus: 1 }, reserved_resources: {}, unreserved_resources: { cpus: 1 } };

test('an agent reserves for the roles that hold something, by name', () => {
  const agent = { reserved_resources: { web: { cpus: 1 }, db: { mem: 64 }, empty: {}, zero: { cpus: 0 } } };
  assert.deepEqual(reservationsOf(agent).map(({ role }) => role), ['db', 'web']);
  assert.deepEqual(reservationsOf(PLAIN_AGENT), []);
  assert.deepEqual(reservationsOf({}), []);
});

test('the table says a reservation in one line, scalars only unless it is all ports', () => {
  assert.equal(formatReservations(DB_AGENT), 'db: cpus 2, mem 512 MB');
  const twoRoles = { reserved_resources: { web: { gpus: 1, disk: 2048, cpus: 0.5 }, db: { cpus: 2.5 } } };
  assert.equal(formatReservations(twoRoles), 'db: cpus 2.5; web: cpus 0.5, disk 2 GB, gpus 1');
  assert.equal(formatReservations({ reserved_resources: { lb: { ports: '[80-80,443-443]' } } }), 'lb: ports 80, 443');
  assert.equal(formatReservations(PLAIN_AGENT), DASH);
  assert.equal(formatReservedScalars({ mem: 512, cpus: 2, ports: '[1-2]' }), 'cpus 2, mem 512 MB');
});

test('the agent page has a row per role, then what is left for any role', () => {
  assert.deepEqual(reservationRows(DB_AGENT), [
    { role: 'db', cpus: '2', mem: '512 MB', disk: DASH, ports: '31100-31109' },
    { role: null, cpus: '1', mem: '256 MB', disk: DASH, ports: DASH },
  ]);
  assert.deepEqual(reservationRows(PLAIN_AGENT), []);
});

test('the reserved column sorts agents reserving nothing first, then by role, then by amount', () => {
  const big = { id: 'big', reserved_resources: { db: { cpus: 10 } } };
  const small = { id: 'small', reserved_resources: { db: { cpus: 2 } } };
  const web = { id: 'web', reserved_resources: { web: { cpus: 1 } } };
  const both = { id: 'both', reserved_resources: { web: { cpus: 1 }, db: { cpus: 1 } } };
  const sorted = [web, big, PLAIN_AGENT, small, both].sort(compareReservations).map(({ id }) => id);
  // "db" < "db\nweb" < "web"; within db, 2 cpus before 10
  assert.deepEqual(sorted, ['a2', 'small', 'big', 'both', 'web']);
});
