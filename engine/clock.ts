// The engine's clock, injectable as XState's actors take one: the timer poller asks it what time it
// is, so a test moves time forward instead of sleeping through a period. Production uses the
// system clock.
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that runs with the system clock, moved ahead by `advance` (tests). */
export function offsetClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => { offset += ms; } };
}
