/**
 * The time a sandbox CRM stamps records with. Real time by default; tests and demos can freeze it (many
 * records sharing one modification time) or move it by hand.
 */
export class SandboxClock {
  #frozenAt: number | undefined;
  #offset = 0;

  now(): number {
    return this.#frozenAt ?? Date.now() + this.#offset;
  }

  freeze(at: number | Date = this.now()): void {
    this.#frozenAt = typeof at === 'number' ? at : at.getTime();
  }

  unfreeze(): void {
    this.#frozenAt = undefined;
  }

  advance(ms: number): void {
    if (this.#frozenAt !== undefined) this.#frozenAt += ms;
    else this.#offset += ms;
  }
}
