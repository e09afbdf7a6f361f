import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own package.json, found by walking up from this file (works from src/ and dist/). */
export function packageInfo(): { name: string; version: string; root: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === 'cosell-sync') {
        const version = 'version' in parsed && typeof parsed.version === 'string' ? parsed.version : '0.0.0';
        return { name: parsed.name, version, root: dir };
      }
    } catch {
      // not here; keep walking up
    }
    dir = dirname(dir);
  }
  return { name: 'cosell-sync', version: '0.0.0', root: process.cwd() };
}
