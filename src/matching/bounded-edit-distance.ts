// Reusable rows and buffers: this runs for every candidate pair, so it allocates nothing.
let beforePrevious = new Int32Array(64);
let previous = new Int32Array(64);
let current = new Int32Array(64);
let scratchA = new Uint16Array(64);
let scratchB = new Uint16Array(64);

/**
 * The optimal string alignment distance between `a` and `b` (insertions, deletions, substitutions and swaps of
 * two neighbouring letters, one edit each), or `max + 1` as soon as it is certain to exceed `max`.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (a.length > scratchA.length) scratchA = new Uint16Array(a.length * 2);
  if (b.length > scratchB.length) scratchB = new Uint16Array(b.length * 2);
  for (let i = 0; i < a.length; i++) scratchA[i] = a.charCodeAt(i);
  for (let j = 0; j < b.length; j++) scratchB[j] = b.charCodeAt(j);
  return boundedEditDistanceOf(scratchA, 0, a.length, scratchB, 0, b.length, max);
}

/**
 * The same between two runs of UTF-16 code units (see NameArena): `aLength` units of `a` from `aStart` and
 * `bLength` units of `b` from `bStart`.
 */
export function boundedEditDistanceOf(a: Uint16Array, aStart: number, aLength: number, b: Uint16Array, bStart: number, bLength: number, max: number): number {
  if (Math.abs(aLength - bLength) > max) return max + 1;
  // A common beginning and end cost nothing: compare only what lies between (candidates share most of a name).
  let head = 0;
  while (head < aLength && head < bLength && a[aStart + head] === b[bStart + head]) head += 1;
  let tail = 0;
  while (tail < aLength - head && tail < bLength - head && a[aStart + aLength - 1 - tail] === b[bStart + bLength - 1 - tail]) tail += 1;
  const n = aLength - head - tail;
  const m = bLength - head - tail;
  if (n === 0 || m === 0) return Math.max(n, m) > max ? max + 1 : Math.max(n, m);
  return bandedDistance(a, aStart + head, n, b, bStart + head, m, max);
}

/**
 * The distance between a[aStart, aStart + n) and b[bStart, bStart + m), by dynamic programming over the band of
 * cells within `max` of the diagonal only: a path outside it costs more than `max` anyway.
 */
function bandedDistance(a: Uint16Array, aStart: number, n: number, b: Uint16Array, bStart: number, m: number, max: number): number {
  if (m + 2 > current.length) {
    const size = (m + 2) * 2;
    beforePrevious = new Int32Array(size);
    previous = new Int32Array(size);
    current = new Int32Array(size);
  }
  const outside = max + 1;
  for (let j = 0; j <= m; j++) previous[j] = j <= max ? j : outside;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(m, i + max);
    current[0] = i <= max ? i : outside;
    if (from > 1) current[from - 1] = outside;
    let rowMinimum = outside;
    const ai = a[aStart + i - 1] ?? -1;
    const aBefore = i > 1 ? (a[aStart + i - 2] ?? -1) : -1;
    for (let j = from; j <= to; j++) {
      const bj = b[bStart + j - 1] ?? -2;
      let best = Math.min((previous[j] ?? outside) + 1, (current[j - 1] ?? outside) + 1, (previous[j - 1] ?? outside) + (ai === bj ? 0 : 1));
      if (j > 1 && ai === b[bStart + j - 2] && aBefore === bj) best = Math.min(best, (beforePrevious[j - 2] ?? outside) + 1);
      current[j] = best;
      if (best < rowMinimum) rowMinimum = best;
    }
    if (to < m) current[to + 1] = outside;
    if (rowMinimum > max) return outside;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  const distance = previous[m] ?? outside;
  return distance > max ? outside : distance;
}
