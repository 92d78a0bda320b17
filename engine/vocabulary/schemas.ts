// Parameter schema pieces shared by several entries: a JSON pointer into the case data, a list of
// them, a register name, a count. `as const` so FromSchema can read them.
export const pointer = { type: 'string', pattern: '^(/[^/]*)*$' } as const;
export const pointerList = { type: 'array', items: pointer, minItems: 1 } as const;
export const registerName = { type: 'string', minLength: 1 } as const;
export const countBound = { type: 'integer', minimum: 0 } as const;
