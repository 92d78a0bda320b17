// An action's parameter form as the console shows it: the Chinese titles come with the entry's own
// parameter schema (engine/vocabulary, one place); here a field pointer gets its help text and the
// register parameter offers the installation's registers.
import type { JsonSchema } from '../../api/model';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const POINTER_HELP = '表单中的字段路径，如 /areaName；表格中的列如 /workers';

/** The action's parameter schema with pointer help and, where it names a register, the registers to choose from. */
export function labelledParams(schema: JsonSchema | undefined, registers: string[]): JsonSchema {
  const walk = (s: unknown, name?: string): unknown => {
    if (!isObj(s)) return s;
    const out: Obj = { ...s };
    if (out.pattern === '^(/[^/]*)*$' && out.description === undefined) out.description = POINTER_HELP;
    if (name === 'register' && out.type === 'string' && registers.length) out.enum = registers;
    if (isObj(out.properties)) out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, walk(v, k)]));
    if (isObj(out.items)) out.items = walk(out.items);
    return out;
  };
  return (walk(schema ?? { type: 'object' }) as JsonSchema);
}
