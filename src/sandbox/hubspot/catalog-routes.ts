import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubSpotPortal } from './hubspot-portal.js';
import { HubSpotApiError, notFound, validationError } from './hubspot-errors.js';
import { parseBody, storeOf } from './object-routes.js';
import { customProperty, DEAL_STAGES, type PropertyDefinition } from './property-catalog.js';

const EPOCH = '2020-01-01T00:00:00.000Z';

function toApiProperty(definition: PropertyDefinition, displayOrder: number): Record<string, unknown> {
  return {
    name: definition.name,
    label: definition.label,
    type: definition.type,
    fieldType: definition.fieldType,
    description: '',
    groupName: definition.groupName,
    options: definition.options,
    displayOrder,
    calculated: definition.calculated,
    externalOptions: false,
    hasUniqueValue: definition.hasUniqueValue,
    hidden: false,
    hubspotDefined: definition.hubspotDefined,
    modificationMetadata: { archivable: !definition.hubspotDefined, readOnlyDefinition: definition.hubspotDefined, readOnlyValue: definition.readOnlyValue },
    formField: true,
    createdAt: EPOCH,
    updatedAt: EPOCH,
    archived: false,
  };
}

const PropertyCreate = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'a lower-case internal name' }),
  label: z.string(),
  type: z.enum(['string', 'number', 'date', 'datetime', 'enumeration', 'bool']),
  fieldType: z.enum(['text', 'textarea', 'number', 'date', 'select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation']),
  groupName: z.string(),
  options: z.array(z.object({ label: z.string(), value: z.string(), displayOrder: z.number().default(0), hidden: z.boolean().default(false) })).default([]),
  hasUniqueValue: z.boolean().default(false),
});

/** Properties, deal pipelines and owners: https://developers.hubspot.com/docs/api/crm/properties */
export function registerCatalogRoutes(app: FastifyInstance, portal: HubSpotPortal): void {
  app.get<{ Params: { type: string } }>('/crm/v3/properties/:type', (request) => {
    const store = storeOf(portal, request.params.type);
    return { results: [...store.definitions.values()].map(toApiProperty) };
  });

  app.get<{ Params: { type: string; name: string } }>('/crm/v3/properties/:type/:name', (request) => {
    const store = storeOf(portal, request.params.type);
    const definition = store.definitions.get(request.params.name);
    if (!definition) throw notFound(`Unable to find property ${request.params.name}`);
    return toApiProperty(definition, 0);
  });

  app.post<{ Params: { type: string } }>('/crm/v3/properties/:type', (request, reply) => {
    const store = storeOf(portal, request.params.type);
    const body = parseBody(PropertyCreate, request.body);
    if (store.definitions.has(body.name)) {
      throw new HubSpotApiError(409, { message: `A property named '${body.name}' already exists.`, category: 'OBJECT_ALREADY_EXISTS' });
    }
    if (body.type === 'enumeration' && body.options.length === 0 && body.fieldType !== 'checkbox') {
      throw validationError(`Enumeration property ${body.name} needs options.`);
    }
    const definition = customProperty({ ...body, options: body.options.map((o) => ({ ...o })) });
    store.addProperty(definition);
    return reply.code(201).send(toApiProperty(definition, store.definitions.size));
  });

  app.get('/crm/v3/pipelines/deals', () => ({
    results: [
      {
        id: 'default',
        label: 'Sales Pipeline',
        displayOrder: 0,
        stages: DEAL_STAGES.map((stage, index) => ({
          id: stage.id,
          label: stage.label,
          displayOrder: index,
          metadata: { probability: stage.probability, isClosed: stage.isClosed },
          createdAt: EPOCH,
          updatedAt: EPOCH,
          archived: false,
          writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
        })),
        createdAt: EPOCH,
        updatedAt: EPOCH,
        archived: false,
      },
    ],
  }));

  app.get<{ Querystring: Record<string, unknown> }>('/crm/v3/owners', (request) => {
    const limit = Math.min(Math.max(Number(request.query.limit ?? 100) || 100, 1), 500);
    const after = Number(request.query.after ?? 0) || 0;
    const email = typeof request.query.email === 'string' ? request.query.email.toLowerCase() : undefined;
    const owners = portal.owners.filter((o) => email === undefined || o.email.toLowerCase() === email);
    const page = owners.slice(after, after + limit);
    return {
      results: page,
      ...(after + page.length < owners.length ? { paging: { next: { after: String(after + page.length) } } } : {}),
    };
  });
}
