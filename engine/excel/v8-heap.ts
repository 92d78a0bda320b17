// How an import keeps the process's peak RSS down, where V8's own heuristics do not.
//
// Pretenuring: exceljs turns each chunk of sheet XML (~150 rows) into Row and Cell objects in one
// burst and hands them out one by one, so a scavenge finds every object of the batch alive. V8's
// allocation-site pretenuring reads that as "long-lived" and from then on allocates these objects
// straight in the old generation, where the dead ones wait for a full GC and keep the young cells
// they point to alive: reading 100,000 rows promoted ~300 MB of garbage, and exceljs's bare read
// alone peaked at ~320 MB RSS. Without pretenuring ~50 MB is promoted and the bare read peaks at
// ~200 MB, no slower. The flag is read at each GC, so setting it when this module loads (before
// the first import) is enough; it applies to the whole process, which only loses pretenuring's
// copy-once saving for objects that really do live long.
//
// A full GC before a large result is written: when the last row has been checked, the heap is
// mostly garbage of the reading (and the duplicate-key index), which V8 would collect only later.
// Collected first, its pages are returned before the database driver and SQLite make their
// copies of the result (~3 × its size): a 100,000-row import peaks ~40 MB lower, for one ~50 ms
// pause per large import.
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--no-allocation-site-pretenuring');

// `gc` exists only in contexts created while --expose-gc is set; the flag is set just for that.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
v8.setFlagsFromString('--no-expose-gc');

/** A full, synchronous garbage collection. */
export function collectGarbage(): void {
  gc();
}
