/**
 * Checks that span several parts of the workspace file (unique partner ids, tiers and regions from the
 * program, schedules naming known connections). They read the raw data defensively, so they report
 * alongside shape errors instead of waiting for those to be fixed first.
 */
export interface CrossCheckIssue {
  path: (string | number)[];
  message: string;
}

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const records = (value: unknown): Raw[] => (Array.isArray(value) ? value.map((v) => (isRecord(v) ? v : {})) : []);
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;

export function workspaceCrossChecks(data: unknown): CrossCheckIssue[] {
  if (!isRecord(data)) return [];
  const issues: CrossCheckIssue[] = [];
  const partnerIds = new Map<string, number>();
  const program = isRecord(data.program) ? data.program : {};
  const tiers = strings(program.tiers);
  const regions = strings(program.regions);

  const apiKeyVariables = new Map<string, number>();
  records(data.partners).forEach((partner, index) => {
    const { id, tier, region, apiKey } = partner;
    // One key per partner: a key two partners share could not say whose data it may read.
    if (isRecord(apiKey) && typeof apiKey.env === 'string') {
      const first = apiKeyVariables.get(apiKey.env);
      if (first === undefined) apiKeyVariables.set(apiKey.env, index);
      else
        issues.push({
          path: ['partners', index, 'apiKey'],
          message: `a key of this partner's own (partners[${first}].apiKey already reads ${apiKey.env})`,
        });
    }
    if (typeof id === 'string') {
      const first = partnerIds.get(id);
      if (first === undefined) partnerIds.set(id, index);
      else
        issues.push({
          path: ['partners', index, 'id'],
          message: `an id no other partner has (partners[${first}] is already "${id}")`,
        });
    }
    if (tiers && typeof tier === 'string' && !tiers.includes(tier)) {
      issues.push({ path: ['partners', index, 'tier'], message: `one of the program's tiers: ${tiers.join(' | ')}` });
    }
    if (regions && typeof region === 'string' && !regions.includes(region)) {
      issues.push({
        path: ['partners', index, 'region'],
        message: `one of the program's regions: ${regions.join(' | ')}`,
      });
    }
  });

  const scheduled = new Map<string, number>();
  records(data.schedules).forEach((schedule, index) => {
    const { connection } = schedule;
    if (typeof connection !== 'string') return;
    if (connection !== 'vendor' && !partnerIds.has(connection)) {
      const known = ['vendor', ...partnerIds.keys()].map((k) => `"${k}"`).join(' | ');
      issues.push({ path: ['schedules', index, 'connection'], message: `a known connection: ${known}` });
    }
    (strings(schedule.objects) ?? []).forEach((object, objectIndex) => {
      const key = `${connection}/${object}`;
      const first = scheduled.get(key);
      if (first === undefined) scheduled.set(key, index);
      else
        issues.push({
          path: ['schedules', index, 'objects', objectIndex],
          message: `one schedule per connection and object (schedules[${first}] already polls ${key})`,
        });
    });
  });
  records(data.territories).forEach((territory, index) => {
    if (!isRecord(territory.partnerReps)) return;
    for (const partnerId of Object.keys(territory.partnerReps)) {
      if (partnerIds.has(partnerId)) continue;
      const known = [...partnerIds.keys()].map((k) => `"${k}"`).join(' | ') || 'no partners';
      issues.push({ path: ['territories', index, 'partnerReps', partnerId], message: `a partner id of this workspace: ${known}` });
    }
  });
  return issues;
}
