import { NO_FAULTS, type FaultSettings } from '../fault-settings.js';
import { SandboxClock } from '../sandbox-clock.js';
import { ObjectTypeStore, type StoredObject } from './object-store.js';
import { WebhookSender, type WebhookTarget } from './webhook-sender.js';
import { isObjectType, type ObjectType } from './property-catalog.js';

export interface HubSpotOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface RateLimitSettings {
  /** Calls per rolling 10 seconds (private apps: 100, or 190 with the API add-on). */
  perTenSeconds: number;
  /** Search calls per second (HubSpot: 5). */
  searchPerSecond: number;
  /** Calls per day. */
  daily: number;
  /** Whether 429 answers carry Retry-After (the real API usually does not). */
  retryAfterHeader: boolean;
}

export interface PortalSettings {
  faults: FaultSettings;
  rateLimits: RateLimitSettings;
  /** OAuth access tokens live this long (HubSpot: 30 minutes). */
  accessTokenTtlMs: number;
  /** Records become visible to search this long after a change (the real index lags a few seconds). */
  searchIndexDelayMs: number;
  /** Where webhook deliveries go; none until set. */
  webhooks?: WebhookTarget | undefined;
}

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = {
  faults: NO_FAULTS,
  rateLimits: { perTenSeconds: 100_000, searchPerSecond: 10_000, daily: 100_000_000, retryAfterHeader: false },
  accessTokenTtlMs: 30 * 60_000,
  searchIndexDelayMs: 0,
};

/** Everything one sandbox HubSpot account holds: records, owners, associations, settings, its clock. */
export class HubSpotPortal {
  readonly portalId: number;
  readonly clock = new SandboxClock();
  readonly stores: Record<ObjectType, ObjectTypeStore>;
  readonly owners: HubSpotOwner[] = [];
  /** `companies:1 → deals` → ids of associated deals. */
  readonly associations = new Map<string, Set<number>>();
  settings: PortalSettings;
  /** Webhook deliveries to the app's target URL, once configured (`sandbox.configure({ webhooks })`). */
  readonly webhooks: WebhookSender;
  #nextId = 1000;

  constructor(portalId: number, settings: Partial<PortalSettings> = {}) {
    this.portalId = portalId;
    this.settings = { ...DEFAULT_PORTAL_SETTINGS, ...settings };
    this.stores = { companies: new ObjectTypeStore('companies'), deals: new ObjectTypeStore('deals'), contacts: new ObjectTypeStore('contacts') };
    this.webhooks = new WebhookSender(portalId, () => this.clock.now());
    this.webhooks.configure(this.settings.webhooks);
    for (const store of Object.values(this.stores)) store.onChange = (change) => { this.webhooks.changed(store.type, change); };
  }

  nextId(): number {
    this.#nextId += 1;
    return this.#nextId;
  }

  store(type: string): ObjectTypeStore | undefined {
    return isObjectType(type) ? this.stores[type] : undefined;
  }

  associate(fromType: ObjectType, fromId: number, toType: ObjectType, toId: number): void {
    const add = (a: string, b: number): void => {
      const set = this.associations.get(a) ?? new Set<number>();
      set.add(b);
      this.associations.set(a, set);
    };
    add(`${fromType}:${String(fromId)}>${toType}`, toId);
    add(`${toType}:${String(toId)}>${fromType}`, fromId);
  }

  associated(fromType: ObjectType, fromId: number, toType: ObjectType): number[] {
    return [...(this.associations.get(`${fromType}:${String(fromId)}>${toType}`) ?? [])];
  }

  /** Records visible to search now (the index lags by `searchIndexDelayMs`). */
  indexed(record: StoredObject): boolean {
    return record.updatedAt <= this.clock.now() - this.settings.searchIndexDelayMs || this.settings.searchIndexDelayMs === 0;
  }
}
