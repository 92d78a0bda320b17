// The valid rows of an import wait on disk, already as the job's result document
// (`{"rows":[…],"rowCount":N}`), until the whole sheet has been checked: all or nothing means none
// may be stored before the last row is read, and 100,000 rows kept as objects until then cost
// ~30 MB of heap (more with the garbage collector's headroom) only to be serialised at the end.
// The document is handed to the database as UTF-8 bytes: outside V8's heap, half a JS string's
// size, and not copied again to be wrapped.
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './temp-files.js';
import { finished } from 'node:stream/promises';

/**
 * Rows are written to the file in pieces of about this many characters: few writes, and a piece
 * stays a young object (a string over 128 KB, 64 K Chinese characters, would be allocated in the
 * old generation and wait there for a full GC).
 */
const PIECE_CHARS = 16 * 1024;

export class RowSpool {
  /** Rows added so far. */
  count = 0;
  /** Characters of JSON added so far (its UTF-8 size is at least this). */
  chars = 0;
  private pending: string[] = [];
  private pendingChars = 0;
  private error: Error | undefined;

  private constructor(private readonly dir: string, private readonly file: string, private readonly out: fs.WriteStream) {
    out.on('error', (err) => { this.error = err; });
    out.write('{"rows":[');
  }

  static async open(): Promise<RowSpool> {
    const dir = await makeTempDir('beian-rows-');
    const file = path.join(dir, 'result.json');
    return new RowSpool(dir, file, fs.createWriteStream(file));
  }

  /** Adds one row. Returns a promise only when the file must catch up (a slow disk slows the reading). */
  add(row: unknown): Promise<void> | undefined {
    if (this.error) throw this.error;
    const text = JSON.stringify(row);
    this.pending.push(text);
    this.pendingChars += text.length;
    this.chars += text.length + 1;
    this.count++;
    if (this.pendingChars < PIECE_CHARS || this.writePending()) return undefined;
    return once(this.out, 'drain').then(() => undefined);
  }

  /** Writes the rows held back; false when the stream's buffer is full. */
  private writePending(): boolean {
    // Every row not pending is in the file already: a comma goes between them.
    const piece = (this.count > this.pending.length ? ',' : '') + this.pending.join(',');
    this.pending = [];
    this.pendingChars = 0;
    return this.out.write(piece);
  }

  /** The finished document `{"rows":[…],"rowCount":N}`, as UTF-8 JSON. */
  async result(): Promise<Buffer> {
    if (this.pending.length) this.writePending();
    this.out.end(`],"rowCount":${this.count}}`);
    await finished(this.out);
    if (this.error) throw this.error;
    return fs.promises.readFile(this.file);
  }

  /** Deletes the file; safe to call twice. */
  async remove(): Promise<void> {
    this.out.destroy();
    await fs.promises.rm(this.dir, { recursive: true, force: true });
  }
}
