import { benchEngine, prepareFixture, DEVELOPER } from './lib/fixtures.js';
import { freshDatabase, dropAll } from './lib/databases.js';
import { createCase, sendEvent } from '../engine/runtime/index.js';
const db = await freshDatabase('sqlite', 'cpu3');
const engine = await benchEngine(db.url);
const fixture = await prepareFixture(engine);
const dev = fixture.users[DEVELOPER];
const id = await createCase(engine, dev, 'bench-ping-pong', { name: 'x', district: '440604' });
let next = 'PING';
const step = async () => { await sendEvent(engine, dev, id, { event: next }); next = next === 'PING' ? 'PONG' : 'PING'; };
for (let i = 0; i < 30; i++) await step();
const M = engine.db.models.Case;
for (let r = 0; r < 2; r++) for (const sm of [true, false]) {
  (process as any).setSourceMapsEnabled(sm);
  let c0 = process.cpuUsage(); let t0 = performance.now();
  for (let i = 0; i < 150; i++) await step();
  let c = process.cpuUsage(c0);
  console.log('sourcemaps', sm, 'sendEvent wall', ((performance.now() - t0) / 150).toFixed(2), 'ms cpu', ((c.user + c.system) / 1000 / 150).toFixed(2), 'ms');
  c0 = process.cpuUsage(); t0 = performance.now();
  for (let i = 0; i < 500; i++) await M.findByPk(id, { raw: true });
  c = process.cpuUsage(c0);
  console.log('   findByPk wall', ((performance.now() - t0) / 500).toFixed(3), 'ms cpu', ((c.user + c.system) / 1000 / 500).toFixed(3));
}
await engine.db.close(); await dropAll();
