// How much Redis memory a workspace's keys take, by the kind of key (the part after the prefix).
import type { Redis } from 'ioredis';

/** Megabytes per kind of key under `prefix` (MEMORY USAGE, every element counted), largest first, with the total. */
export async function redisFootprint(redis: Redis, prefix: string): Promise<{ totalMb: number; byKind: [string, number][] }> {
  const match = `${prefix.replace(/[{}]/g, (c) => `\\${c}`)}*`;
  const byKind = new Map<string, number>();
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      // SAMPLES 0: every element, not an estimate from five.
      const bytes = Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
      const kind = key.slice(prefix.length + 1).split(':')[0] ?? key;
      byKind.set(kind, (byKind.get(kind) ?? 0) + bytes);
      total += bytes;
    }
  } while (cursor !== '0');
  const mb = (bytes: number): number => bytes / 1024 / 1024;
  return { totalMb: mb(total), byKind: [...byKind].map(([kind, bytes]): [string, number] => [kind, mb(bytes)]).sort((a, b) => b[1] - a[1]) };
}

/** "62.1 MB (canon-by-source 40.1, xw 12.3, …)": the kinds above 0.5 MB. */
export function formatFootprint(footprint: { totalMb: number; byKind: [string, number][] }): string {
  const large = footprint.byKind.filter(([, mb]) => mb >= 0.5).map(([kind, mb]) => `${kind} ${mb.toFixed(1)}`);
  return `${footprint.totalMb.toFixed(1)} MB${large.length > 0 ? ` (${large.join(', ')})` : ''}`;
}
