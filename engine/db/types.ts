// Shapes the database modules share: a leaf, so the connection, the raw statements and the
// transaction scope can name them without importing each other in a circle.

export type Dialect = 'sqlite' | 'postgres';

export interface TxOptions {
  /** Fails (and rolls back) the transaction when fn has not settled by then; 0 for no limit (migrations). */
  timeoutMs?: number;
}

/** Time limits from the engine's config (engine/config.ts); unset, the connection's defaults apply. */
export interface DbLimits {
  txTimeoutMs?: number;
  queryTimeoutMs?: number;
}
