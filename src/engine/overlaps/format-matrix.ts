/** An overlap matrix in one line: `customers×customers 12, customers×prospects 30, …` (the `all` totals left out). */
export function formatMatrix(matrix: Readonly<Record<string, Readonly<Record<string, number>>>>): string {
  const cells = Object.entries(matrix)
    .filter(([vendor]) => vendor !== 'all')
    .flatMap(([vendor, row]) => Object.entries(row).filter(([partner]) => partner !== 'all').map(([partner, count]) => `${vendor}×${partner} ${String(count)}`));
  return cells.length > 0 ? cells.join(', ') : 'no population pairs';
}
