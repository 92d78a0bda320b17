import { benchEngine, prepareFixture, DEVELOPER } from './lib/fixtures.js';
import { freshDatabase, dropAll } from './lib/databases.js';
import { createCase, sendEvent } from '../engine/runtime/index.js';
import { interleave, rate, median } from './lib/stats.js';
import { openRawSqlite } from './lib/databases.js';
import { createMutex } from '../engine/db/index.js';
function pragmas(c: any) {
  const run = (sql: string) => new Promise<void>((res, rej) => c.run(sql, (e: Error | null) => (e ? rej(e) : res())));
  return run('PRAGMA journal_mode = WAL').then(() => run('PRAGMA synchronous = FULL')).then(() => run('PRAGMA busy_timeout = 5000'));
}
function patch(sequelize: any, mode: string) {
  if (mode === 'asis') return;
  const cm = sequelize.connectionManager;
  const inited = new WeakSet<object>();
  const orig = cm.getConnection.bind(cm);
  let writeConn: any = null;
  cm.getConnection = async (options: any) => {
    let c;
    if (mode === 'reuse' && options?.uuid && options.uuid !== 'default') c = writeConn ??= await orig({ ...options, uuid: 'writer' });
    else c = await orig(options);
    if (!inited.has(c)) { inited.add(c); await pragmas(c); }
    return c;
  };
  const rel = cm.releaseConnection.bind(cm);
  cm.releaseConnection = (c: any, f: any) => (c === writeConn ? undefined : rel(c, f));
}
const modes = ['asis', 'pragmas', 'reuse'];
const setups = [] as any[];
for (const mode of modes) {
  const db = await freshDatabase('sqlite', 'w' + mode);
  const engine = await benchEngine(db.url);
  patch(engine.db.sequelize, mode);
  const fixture = await prepareFixture(engine);
  const dev = fixture.users[DEVELOPER];
  const id = await createCase(engine, dev, 'bench-ping-pong', { name: 'x', district: '440604' });
  const s = { mode, engine, dev, id, next: 'PING' };
  setups.push(s);
}
const floorDb = await openRawSqlite(setups[0].engine.db.sequelize.options.storage + '.floor');
await floorDb.exec('CREATE TABLE f (id INTEGER PRIMARY KEY, v INTEGER, s TEXT); INSERT INTO f VALUES (1, 1, \'x\'); CREATE TABLE l (id INTEGER PRIMARY KEY, c INTEGER, e TEXT)');
const variants = setups.map((s) => ({ name: s.mode, run: () => rate(1.5, 1, async () => { await sendEvent(s.engine, s.dev, s.id, { event: s.next }); s.next = s.next === 'PING' ? 'PONG' : 'PING'; }) }));
variants.push({ name: 'floor', run: () => rate(1.5, 1, async () => { await floorDb.run('BEGIN IMMEDIATE'); const r: any = await floorDb.get('SELECT * FROM f WHERE id = 1'); await floorDb.run('UPDATE f SET v = ? WHERE id = 1', [r.v + 1]); await floorDb.run('INSERT INTO l (c, e) VALUES (1, ?)', ['PING']); await floorDb.run('COMMIT'); }) });
const res = await interleave(5, variants, { warmup: true, log: console.log });
for (const [k, v] of Object.entries(res)) console.log(k, median(v as number[]).toFixed(0));
await dropAll();
process.exit(0);
