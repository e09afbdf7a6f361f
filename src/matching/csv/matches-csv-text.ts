import Papa from 'papaparse';

/** The output columns, in order (DESIGN.md §3). */
export const MATCH_COLUMNS = ['vendor_id', 'partner_id', 'score', 'reason'] as const;

/** Matched pairs as rows of the four output cells, packed into one UTF-8 text for moving to another thread. */
export interface PackedRows {
  bytes: Uint8Array<ArrayBuffer>;
  lengths: Int32Array<ArrayBuffer>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

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
  // Made well-formed (one code unit for one) so the cell lengths still hold after the UTF-8 round trip.
  return { bytes: encoder.encode(parts.join('').toWellFormed()), lengths };
}

/** CSV text of packed rows (PapaParse: quoted only where needed, `\n` line ends), with the header row first when `header` is true. */
export function csvTextOf(packed: { bytes: Uint8Array; lengths: Int32Array }, header: boolean): string {
  const rows: string[][] = [];
  const text = decoder.decode(packed.bytes);
  let offset = 0;
  for (let i = 0; i < packed.lengths.length; i += MATCH_COLUMNS.length) {
    const row: string[] = [];
    for (let k = 0; k < MATCH_COLUMNS.length; k++) {
      const length = packed.lengths[i + k] ?? 0;
      row.push(text.slice(offset, offset + length));
      offset += length;
    }
    rows.push(row);
  }
  if (rows.length === 0) return header ? `${MATCH_COLUMNS.join(',')}\n` : '';
  // PapaParse ends the last row without a line break; each batch's text must end with one to join the next.
  return `${Papa.unparse({ fields: [...MATCH_COLUMNS], data: rows }, { header, newline: '\n' })}\n`;
}
