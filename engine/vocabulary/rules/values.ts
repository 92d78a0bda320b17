// Reading the values rules compare: a finite number, a non-empty string, today's date.
import { getPointer } from '../../registry/pointer.js';

export const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
export const today = (now: Date) => now.toISOString().slice(0, 10);
export const at = (data: unknown, ptr: string) => getPointer(data, ptr);
