import Papa from 'papaparse';

/** The output columns, in order (DESIGN.md §3). */
export const MATCH_COLUMNS = ['vendor_id', 'partner_id', 'score', 'reason'] as const;

/** Matched pairs as rows of the four output cells, packed into one string for posting to another thread. */
export interface PackedRows {
  text: string;
  lengths: Int32Array<ArrayBuffer>;
}

export function packRows(rows: readonly (readonly string[])[]): PackedRows {
  const lengths = new Int32Array(rows.length * MATCH_COLUMNS.length);
  const parts: string[] = [];
  let at = 0;
  for (const row of rows) {
    for (const cell of row) {
      parts.push(cell);
      lengths[at++] = cell.length;
    }
  }
  return { text: parts.join(''), lengths };
}

/** CSV text of packed rows (PapaParse: quoted only where needed, `\n` line ends), with the header row first when `header` is true. */
export function csvTextOf(packed: PackedRows, header: boolean): string {
  const rows: string[][] = [];
  let offset = 0;
  for (let i = 0; i < packed.lengths.length; i += MATCH_COLUMNS.length) {
    const row: string[] = [];
    for (let k = 0; k < MATCH_COLUMNS.length; k++) {
      const length = packed.lengths[i + k] ?? 0;
      row.push(packed.text.slice(offset, offset + length));
      offset += length;
    }
    rows.push(row);
  }
  if (rows.length === 0) return header ? `${MATCH_COLUMNS.join(',')}\n` : '';
  // PapaParse ends the last row without a line break; each batch's text must end with one to join the next.
  return `${Papa.unparse({ fields: [...MATCH_COLUMNS], data: rows }, { header, newline: '\n' })}\n`;
}
