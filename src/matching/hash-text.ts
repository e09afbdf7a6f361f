/** A 32-bit hash of a text (FNV-1a over its UTF-16 code units); another `seed` gives an independent one. */
export function hashText(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}
