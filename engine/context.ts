// The engine: everything one server process holds, created once at start and passed down.
import type { Config } from './config.js';
import type { Database } from './db/index.js';
import type { Registry } from './registry/types.js';
import type Ajv from 'ajv';
import type { SessionUser } from './auth/types.js';
import type { Transaction } from 'sequelize';
import type { TypeVersionDef } from './registry/types.js';
import type { CaseRow, NewCase } from './runtime/case-row.js';
import type { Clock } from './clock.js';
import type { EngineLogger } from './logger.js';

export interface EngineStatus {
  pdf: 'ready' | 'unavailable' | 'unknown';
}

export interface Engine {
  config: Config;
  db: Database;
  registry: Registry;
  ajv: Ajv;
  status: EngineStatus;
  /** What time it is for timers (engine/clock.ts): the system clock, or a test's. */
  clock: Clock;
  /** The one redacting logger (engine/logger.ts), for work outside requests too. */
  log: EngineLogger;
  /** Called after every committed transition so in-process waiters (timer poller) can react. */
  onCommitted: Array<(caseId: number) => void>;
  /** Set by the case runtime: may this user see this case (decides attachment downloads). */
  canSeeCase?: (user: SessionUser, caseId: number) => Promise<boolean>;
  /** Set at start: creating a case and moving it, for effects that start other cases (startCase). */
  cases?: CaseOps;
}

/** Injected rather than imported so that effects do not import the runtime that runs them. */
export interface CaseOps {
  create(t: Transaction, def: TypeVersionDef, input: NewCase, now: Date): Promise<CaseRow>;
  /** Sends an event to a case as the system (the task that offers it, if any, is completed). */
  sendAsSystem(t: Transaction, def: TypeVersionDef, row: CaseRow, event: string, actorName: string, now: Date): Promise<CaseRow>;
}
