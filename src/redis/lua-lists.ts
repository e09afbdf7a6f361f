/**
 * Lists sent to a Lua script as one argument, items separated by line breaks. Each argument of a command
 * costs the client about a microsecond to encode, whatever its size; a page of ids as one argument costs a
 * fraction of that per id. Items must not hold a line break (ids, ISO times and JSON text never do).
 */

/** Lua: `splitLines(text)` → the items of a list made by joinLines ('' → no items). */
export const LUA_SPLIT_LINES = `
local function splitLines(text)
  local items, from = {}, 1
  if text == '' then return items end
  while true do
    local at = string.find(text, '\\n', from, true)
    if not at then
      items[#items + 1] = string.sub(text, from)
      return items
    end
    items[#items + 1] = string.sub(text, from, at - 1)
    from = at + 1
  end
end
`;

/** One argument for splitLines. Throws on an item holding a line break (it would split in two). */
export function joinLines(items: readonly string[]): string {
  for (const item of items) if (item.includes('\n')) throw new TypeError(`a list item sent to Redis holds a line break: ${JSON.stringify(item.slice(0, 80))}`);
  return items.join('\n');
}
