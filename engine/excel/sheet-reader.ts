// Rows of the first visible worksheet of an .xlsx, streamed: exceljs's WorkbookReader parses the
// XML as it is unzipped, one row at a time, so a 100,000-row file never sits in memory as a
// workbook. Only shared strings (the workbook's string table) are cached, as exceljs requires.
import ExcelJS from 'exceljs';
import './v8-heap.js'; // allocation-site pretenuring off: why there

export interface SheetRow {
  /** Excel's row number (1-based, as the user sees it). */
  number: number;
  /** Cell values by column, index 0 = column A. */
  cells: unknown[];
}

export const READER_OPTIONS = {
  worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore',
} as const;

interface StreamingSheet extends AsyncIterable<ExcelJS.Row> {
  state?: string;
  name?: string;
}

/** Rows of the first sheet that is not hidden, in order. Breaking out of the loop closes the file. */
export async function* readFirstSheet(file: string): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, READER_OPTIONS as unknown as ExcelJS.stream.xlsx.WorkbookStreamReaderOptions);
  try {
    for await (const sheet of reader as unknown as AsyncIterable<StreamingSheet>) {
      if (sheet.state === 'hidden' || sheet.state === 'veryHidden') continue;
      for await (const row of sheet) {
        // row.values is 1-based and sparse; index 0 is always empty.
        const values = row.values as unknown[];
        yield { number: row.number, cells: Array.isArray(values) ? values.slice(1) : [] };
      }
      return;
    }
  } finally {
    // The reader leaves its file stream open when the loop ends early.
    (reader as unknown as { stream?: { destroy?: () => void } }).stream?.destroy?.();
  }
}
