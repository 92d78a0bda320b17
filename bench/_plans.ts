import { startServerChild } from './lib/child.js';
import { freshDatabase, dropAll } from './lib/databases.js';
const kind = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
const db = await freshDatabase(kind, 'plans');
const child = await startServerChild();
await child.call('start', { databaseUrl: db.url });
const t = performance.now();
console.log(await child.call('seed', { count: Number(process.argv[3] ?? 3000) }), (performance.now() - t).toFixed(0));
const numbers = await child.call<string[]>('numbers', { limit: 3 });
try { console.log(await child.call('plans', { number: numbers[0] })); } catch (e) { console.log('ERR', (e as Error).message.slice(0, 3000)); }
await child.call('stop');
await dropAll();
process.exit(0);
