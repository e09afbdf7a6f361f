/** Exit codes of the `cosell` command, stable for scripts. */
export const EXIT = {
  ok: 0,
  /** Something failed while running (Redis down, a CRM refused, a bug). */
  failure: 1,
  /** The input was wrong (bad arguments, an invalid workspace or mapping file); nothing was changed. */
  badInput: 2,
} as const;
