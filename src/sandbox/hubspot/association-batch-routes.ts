import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubSpotPortal } from './hubspot-portal.js';
import { validationError } from './hubspot-errors.js';
import { parseBody } from './object-routes.js';
import { DEFAULT_TYPE_IDS, typeOf } from './association-routes.js';

const MAX_INPUTS = 100;
const Id = z.union([z.string(), z.number()]).transform(String);
const AssociateInputs = z.object({ inputs: z.array(z.object({ from: z.object({ id: Id }), to: z.object({ id: Id }) })) });
const ReadInputs = z.object({ inputs: z.array(z.object({ id: Id })) });

/**
 * Associations v4 in batches: create default associations, and read each record's associations of a type.
 * Pairs naming a missing record are listed in `errors` (207), the rest are done.
 * https://developers.hubspot.com/docs/api/crm/associations/v4 — batch/associate/default, batch/read
 */
export function registerAssociationBatchRoutes(app: FastifyInstance, portal: HubSpotPortal): void {
  app.post<{ Params: { from: string; to: string } }>('/crm/v4/associations/:from/:to/batch/associate/default', (request, reply) => {
    const from = typeOf(request.params.from);
    const to = typeOf(request.params.to);
    const { inputs } = parseBody(AssociateInputs, request.body);
    if (inputs.length > MAX_INPUTS) throw validationError(`Too many inputs: ${String(inputs.length)} (at most ${String(MAX_INPUTS)}).`);
    const now = new Date().toISOString();
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const input of inputs) {
      const source = portal.stores[from].get(Number(input.from.id));
      const target = portal.stores[to].get(Number(input.to.id));
      if (!source || source.archived || !target || target.archived) {
        missing.push(`${input.from.id}>${input.to.id}`);
        continue;
      }
      portal.associate(from, source.id, to, target.id);
      results.push({ associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: DEFAULT_TYPE_IDS[`${from}>${to}`] ?? 1 }, from: { id: input.from.id }, to: { id: input.to.id } });
    }
    const errors = missing.length === 0 ? [] : [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'One or more objects were not found.', context: { pairs: missing } }];
    return reply.code(errors.length > 0 ? 207 : 200).send({ status: 'COMPLETE', results, ...(errors.length > 0 ? { errors, numErrors: errors.length } : {}), startedAt: now, completedAt: now });
  });

  app.post<{ Params: { from: string; to: string } }>('/crm/v4/associations/:from/:to/batch/read', (request) => {
    const from = typeOf(request.params.from);
    const to = typeOf(request.params.to);
    const { inputs } = parseBody(ReadInputs, request.body);
    if (inputs.length > 1_000) throw validationError(`Too many inputs: ${String(inputs.length)} (at most 1000).`);
    const now = new Date().toISOString();
    const typeId = DEFAULT_TYPE_IDS[`${from}>${to}`] ?? 1;
    return {
      status: 'COMPLETE',
      results: inputs
        .filter((input) => portal.stores[from].get(Number(input.id)) !== undefined)
        .map((input) => ({ from: { id: input.id }, to: portal.associated(from, Number(input.id), to).map((id) => ({ toObjectId: id, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId, label: null }] })) })),
      startedAt: now,
      completedAt: now,
    };
  });
}
