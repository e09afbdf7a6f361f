import type { FastifyInstance } from 'fastify';
import { escapeHtml, sendPage } from '../html-page.js';
import type { HubSpotPortal } from './hubspot-portal.js';
import type { StoredObject } from './object-store.js';
import { isObjectType, type ObjectType } from './property-catalog.js';

const PAGE_SIZE = 50;
const TITLES: Record<ObjectType, string> = { companies: 'Companies', deals: 'Deals', contacts: 'Contacts' };
const NAME_PROPERTY: Record<ObjectType, string> = { companies: 'name', deals: 'dealname', contacts: 'email' };
const href = (type: ObjectType, id: number): string => `/sandbox/records/${type}/${String(id)}`;

function nameOf(type: ObjectType, record: StoredObject): string {
  return record.properties.get(NAME_PROPERTY[type]) ?? `${type} ${String(record.id)}`;
}

/**
 * Read-only HTML pages of what a rep sees in this HubSpot account: each object type's records (newest
 * change first), and a record's properties by label with its owner, associations and merge history. No
 * session is needed; every value is escaped.
 */
export function registerRecordViewRoutes(app: FastifyInstance, portal: HubSpotPortal): void {
  app.get('/sandbox', (_request, reply) => {
    const rows = (Object.keys(TITLES) as ObjectType[])
      .map((type) => `<tr><td><a href="/sandbox/records/${type}">${TITLES[type]}</a></td><td>${String([...portal.stores[type].all()].filter((r) => !r.archived).length)}</td></tr>`)
      .join('');
    return sendPage(reply, `HubSpot sandbox ${String(portal.portalId)}`, `<h1>HubSpot sandbox · portal ${escapeHtml(portal.portalId)}</h1><table><tr><th>Object</th><th>Records</th></tr>${rows}</table><p class="muted">${String(portal.owners.length)} owners</p>`);
  });

  app.get<{ Params: { type: string }; Querystring: { page?: string; archived?: string } }>('/sandbox/records/:type', (request, reply) => {
    const { type } = request.params;
    if (!isObjectType(type)) return reply.code(404).send(`no object type ${type}`);
    const archived = request.query.archived === '1';
    const pageNumber = Math.max(1, Number(request.query.page ?? '1') || 1);
    const records = [...portal.stores[type].all()].filter((r) => r.archived === archived).sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id);
    const shown = records.slice((pageNumber - 1) * PAGE_SIZE, pageNumber * PAGE_SIZE);
    const rows = shown.map((r) => `<tr><td><a href="${href(type, r.id)}">${escapeHtml(nameOf(type, r))}</a></td><td>${escapeHtml(r.properties.get('cosell_id') ?? '')}</td><td>${escapeHtml(new Date(r.updatedAt).toISOString())}</td></tr>`).join('');
    const next = pageNumber * PAGE_SIZE < records.length ? `<a href="?page=${String(pageNumber + 1)}${archived ? '&archived=1' : ''}">next page</a>` : '';
    const other = archived ? `<a href="/sandbox/records/${type}">live records</a>` : `<a href="/sandbox/records/${type}?archived=1">archived</a>`;
    return sendPage(reply, TITLES[type], `<p><a href="/sandbox">all objects</a> · ${other}</p><h1>${TITLES[type]}${archived ? ' (archived)' : ''}</h1><p class="muted">${String(records.length)} records, page ${String(pageNumber)}</p><table><tr><th>Name</th><th>cosell_id</th><th>Last modified</th></tr>${rows}</table>${next}`);
  });

  app.get<{ Params: { type: string; id: string } }>('/sandbox/records/:type/:id', (request, reply) => {
    const { type } = request.params;
    if (!isObjectType(type)) return reply.code(404).send(`no object type ${type}`);
    const record = portal.stores[type].get(Number(request.params.id));
    if (!record) return reply.code(404).send(`no ${type} record ${request.params.id}`);
    const definitions = portal.stores[type].definitions;
    const ownerId = record.properties.get('hubspot_owner_id');
    const owner = portal.owners.find((o) => o.id === ownerId);
    const rows = [...record.properties]
      .filter(([, value]) => value !== '')
      .sort(([a], [b]) => (definitions.get(a)?.label ?? a).localeCompare(definitions.get(b)?.label ?? b))
      .map(([name, value]) => {
        const shown = name === 'hubspot_owner_id' && owner ? `${owner.firstName} ${owner.lastName} &lt;${escapeHtml(owner.email)}&gt;` : escapeHtml(value);
        return `<tr><th>${escapeHtml(definitions.get(name)?.label ?? name)}</th><td>${shown}</td><td class="muted">${escapeHtml(name)}</td></tr>`;
      })
      .join('');
    const associations = (Object.keys(TITLES) as ObjectType[])
      .filter((other) => other !== type)
      .flatMap((other) => portal.associated(type, record.id, other).map((id) => {
        const target = portal.stores[other].get(id);
        return target ? `<li>${TITLES[other]}: <a href="${href(other, id)}">${escapeHtml(nameOf(other, target))}</a></li>` : '';
      }))
      .join('');
    const banner = record.archived ? `<p class="banner">Archived ${escapeHtml(record.archivedAt === undefined ? '' : new Date(record.archivedAt).toISOString())}</p>` : '';
    const merged = record.mergedIds.length > 0 ? `<p class="muted">Merged from ${record.mergedIds.map((id) => escapeHtml(id)).join(', ')}</p>` : '';
    return sendPage(reply, nameOf(type, record), `<p><a href="/sandbox/records/${type}">${TITLES[type]}</a></p><h1>${escapeHtml(nameOf(type, record))}</h1>${banner}${merged}<table>${rows}</table><h2>Associations</h2><ul>${associations || '<li class="muted">none</li>'}</ul>`);
  });
}
