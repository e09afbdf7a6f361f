import { compareText } from '../../text/compare-text.js';

/**
 * An overlap matrix in one line: `prospects×prospects 57, prospects×customers 35, …` (the `all` totals left
 * out), the largest cells first and ties by name, so the same report always reads the same whatever order
 * its pairs were matched in.
 */
export function formatMatrix(matrix: Readonly<Record<string, Readonly<Record<string, number>>>>): string {
  const cells = Object.entries(matrix)
    .filter(([vendor]) => vendor !== 'all')
    .flatMap(([vendor, row]) => Object.entries(row).filter(([partner]) => partner !== 'all').map(([partner, count]) => ({ label: `${vendor}×${partner}`, count })))
    .sort((a, b) => b.count - a.count || compareText(a.label, b.label));
  return cells.length > 0 ? cells.map((cell) => `${cell.label} ${String(cell.count)}`).join(', ') : 'no population pairs';
}
