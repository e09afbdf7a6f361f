import type { FastifyInstance } from 'fastify';

/** Versions the sandbox answers: v31.0 (Summer '14, where getUpdated and queryAll paging settled) to v64.0. */
export const OLDEST_VERSION = 31;
export const LATEST_VERSION = 64;

/** `v62.0` → `62.0`, or undefined for a version the sandbox does not serve. */
export function parseApiVersion(segment: string): string | undefined {
  const match = /^v(\d{2})\.0$/.exec(segment);
  const major = match ? Number(match[1]) : NaN;
  return major >= OLDEST_VERSION && major <= LATEST_VERSION ? `${major}.0` : undefined;
}

/** The release name of a version: v31.0 was Summer '14, and a release follows every four months. */
export function releaseLabel(major: number): string {
  const index = major - OLDEST_VERSION;
  const season = ['Summer', 'Winter', 'Spring'][index % 3] ?? 'Summer';
  const year = 14 + Math.floor((index + 2) / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

/**
 * `GET /services/data/` (no session needed) lists the versions; `GET /services/data/vXX.X/` lists the resources
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_versions.htm).
 */
export function registerVersionRoutes(app: FastifyInstance): void {
  app.get('/services/data', () => {
    const versions = [];
    for (let major = OLDEST_VERSION; major <= LATEST_VERSION; major += 1) {
      versions.push({ label: releaseLabel(major), url: `/services/data/v${major}.0`, version: `${major}.0` });
    }
    return versions;
  });
}

/** The resources of one version, registered inside the API guard. */
export function resourcesBody(version: string, identityUrl: string): Record<string, string> {
  const base = `/services/data/v${version}`;
  return {
    tooling: `${base}/tooling`,
    metadata: `${base}/metadata`,
    jobs: `${base}/jobs`,
    query: `${base}/query`,
    queryAll: `${base}/queryAll`,
    sobjects: `${base}/sobjects`,
    composite: `${base}/composite`,
    limits: `${base}/limits`,
    recent: `${base}/recent`,
    search: `${base}/search`,
    identity: identityUrl,
  };
}
