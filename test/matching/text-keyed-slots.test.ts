import { describe, expect, it } from 'vitest';
import { hashText } from '../../src/matching/hash-text.js';
import { TextKeyedSlots } from '../../src/matching/text-keyed-slots.js';

describe('slots keyed by text', () => {
  it('given many texts, some on several slots, then each text gives back exactly its own slots, also after deletes and compaction', () => {
    const texts: string[] = [];
    const slots = new TextKeyedSlots((slot) => texts[slot], 16);
    for (let slot = 0; slot < 20_000; slot++) {
      texts[slot] = `domain${String(slot % 7_000)}.com`;
      slots.add(texts[slot] ?? '', slot);
    }
    const of = (text: string): number[] => {
      const found: number[] = [];
      slots.slotsOf(text, found);
      return found.sort((a, b) => a - b);
    };
    expect(of('domain5.com')).toEqual([5, 7_005, 14_005]);
    slots.delete('domain5.com', 7_005);
    slots.compact();
    expect(of('domain5.com')).toEqual([5, 14_005]);
    expect(of('domain6999.com')).toEqual([6_999, 13_999]);
    expect(of('nowhere.com')).toEqual([]);
    expect([42, 7_042, 14_042]).toContain(slots.firstSlotOf('domain42.com'));
    expect(slots.firstSlotOf('nowhere.com')).toBe(-1);
  });

  it('given two texts with one hash, then each gives back only its own slots', () => {
    const [first, second] = collidingTexts();
    const texts = [first, second, first];
    const slots = new TextKeyedSlots((slot) => texts[slot], 16);
    texts.forEach((text, slot) => { slots.add(text, slot); });
    const of = (text: string): number[] => {
      const found: number[] = [];
      slots.slotsOf(text, found);
      return found.sort((a, b) => a - b);
    };
    expect(hashText(first)).toBe(hashText(second));
    expect(of(first)).toEqual([0, 2]);
    expect(of(second)).toEqual([1]);
    expect(slots.firstSlotOf(second)).toBe(1);
  });
});

/** Two different texts with the same 32-bit hash, found by trying (about 80,000 texts make a pair likely). */
function collidingTexts(): [string, string] {
  const byHash = new Map<number, string>();
  for (let i = 0; ; i++) {
    const text = `company${String(i)}.example`;
    const hash = hashText(text);
    const earlier = byHash.get(hash);
    if (earlier !== undefined) return [earlier, text];
    byHash.set(hash, text);
  }
}
