import type { SandboxClock } from './sandbox-clock.js';

const HOUR = 60 * 60 * 1000;

/**
 * The org's API request count over a rolling 24 hours (hour buckets), as Salesforce reports it in the
 * `Sforce-Limit-Info: api-usage=N/M` header and `/limits` DailyApiRequests
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm).
 */
export class ApiUsage {
  private readonly buckets = new Map<number, number>();
  private readonly clock: SandboxClock;

  constructor(clock: SandboxClock) {
    this.clock = clock;
  }

  used(): number {
    const current = Math.floor(this.clock.now() / HOUR);
    let total = 0;
    for (const [hour, count] of this.buckets) {
      if (hour > current - 24 && hour <= current) total += count;
      else if (hour <= current - 24) this.buckets.delete(hour);
    }
    return total;
  }

  record(): void {
    const hour = Math.floor(this.clock.now() / HOUR);
    this.buckets.set(hour, (this.buckets.get(hour) ?? 0) + 1);
  }

  reset(): void {
    this.buckets.clear();
  }
}

/** The `/limits` body: DailyApiRequests from the counter, the other limits as an unused org reports them. */
export function limitsBody(used: number, max: number): Record<string, { Max: number; Remaining: number }> {
  const unused = (limit: number): { Max: number; Remaining: number } => ({ Max: limit, Remaining: limit });
  return {
    ConcurrentAsyncGetReportInstances: unused(200),
    ConcurrentSyncReportRuns: unused(20),
    DailyApiRequests: { Max: max, Remaining: Math.max(0, max - used) },
    DailyAsyncApexExecutions: unused(250_000),
    DailyBulkApiBatches: unused(15_000),
    DailyBulkV2QueryFileStorageMB: unused(976_562),
    DailyBulkV2QueryJobs: unused(10_000),
    DailyGenericStreamingApiEvents: unused(10_000),
    DailyStreamingApiEvents: unused(1_000_000),
    DataStorageMB: unused(1_024),
    FileStorageMB: unused(10_240),
    HourlyODataCallout: unused(20_000),
    HourlyTimeBasedWorkflow: unused(1_000),
    MassEmail: unused(5_000),
    SingleEmail: unused(5_000),
  };
}
