// `npm start`: one server process. Reads PORT and DATABASE_URL (SPEC.md, "Demo installation").
import { startApp } from './app.js';
import { DefinitionError } from './registry/index.js';
import { ConfigError } from './config.js';

try {
  const app = await startApp();
  const shutdown = async () => {
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  console.log(`Beian listening on ${app.url} (database: ${app.engine.db.dialect}); API docs at ${app.url}/docs`);
} catch (err) {
  if (err instanceof DefinitionError || err instanceof ConfigError) {
    console.error(`Beian cannot start: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
}
