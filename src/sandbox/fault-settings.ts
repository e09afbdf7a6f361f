/**
 * Faults a sandbox CRM can be told to inject, per instance and changeable while it runs. Each CRM answers
 * them in its own API's shapes (Salesforce error arrays, HubSpot error objects and rate-limit headers).
 */
export interface FaultSettings {
  /** Added to every API response. */
  latencyMs: number;
  /** Share of API requests (0..1) answered with a server error (503), decided by a seeded PRNG. */
  errorRate: number;
  /** Seed of the PRNG that picks the failing requests, so a run is repeatable. */
  seed: number;
}

export const NO_FAULTS: FaultSettings = { latencyMs: 0, errorRate: 0, seed: 1 };
