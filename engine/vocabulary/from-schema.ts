// The TypeScript type of the value a parameter JSON Schema accepts, so an entry's code reads its
// parameters typed from the very schema the check validates them with (no casts, no second list).
// Hand-written and small on purpose: json-schema-to-ts does this in full but is a large dependency,
// and the vocabulary's parameter schemas use only the keywords handled here (anything else is
// `unknown`, which the code must then narrow).

type Props = Record<string, unknown>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type FromObject<S> = S extends { properties: infer P extends Props }
  ? Simplify<
      { -readonly [K in keyof P as K extends Req<S> ? K : never]: FromSchema<P[K]> } &
      { -readonly [K in keyof P as K extends Req<S> ? never : K]?: FromSchema<P[K]> }
    >
  : S extends { additionalProperties: infer A extends object } ? Record<string, FromSchema<A>> : Record<string, unknown>;

type Req<S> = S extends { required: readonly (infer R)[] } ? R : never;

export type FromSchema<S> =
  S extends { const: infer C } ? C
  : S extends { enum: readonly (infer E)[] } ? E
  : S extends { type: 'string' } ? string
  : S extends { type: 'integer' | 'number' } ? number
  : S extends { type: 'boolean' } ? boolean
  : S extends { type: 'array'; items: infer I } ? FromSchema<I>[]
  : S extends { type: 'object' } ? FromObject<S>
  : unknown;
