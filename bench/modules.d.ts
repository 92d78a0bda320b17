// Packages the benchmarks use that ship no type definitions of their own.
declare module 'autocannon' {
  interface Instance { on(event: 'response', listener: () => void): void }
  function autocannon(opts: Record<string, unknown>): Promise<unknown>;
  function autocannon(opts: Record<string, unknown>, done: (err: Error | null, result: unknown) => void): Instance;
  export default autocannon;
}
declare module 'bpmn-moddle' {
  export default class BpmnModdle {
    constructor(options?: unknown);
    fromXML(xml: string): Promise<unknown>;
  }
}
declare module 'moddle-context-serializer' {
  export default function serializer(moddleContext: unknown, typeResolver: unknown, extendFn?: unknown): unknown;
  export function TypeResolver(types: unknown, extender?: unknown): unknown;
}
