import type { FastifyInstance } from 'fastify';
import { escapeHtml, sendPage } from '../../html-page.js';
import { z } from 'zod';
import type { SandboxOrg } from '../sandbox-org.js';
import { normalizeId } from '../salesforce-ids.js';
import type { FieldDefinition, ObjectDefinition } from '../schema/object-schema.js';
import { compareModstampThenId, isDeleted, type StoredRecord } from '../store/object-table.js';

const PAGE_SIZE = 50;

const page = sendPage;
export { escapeHtml };

const recordHref = (object: ObjectDefinition, id: string): string => `/sandbox/records/${encodeURIComponent(object.name)}/${encodeURIComponent(id)}`;

function nameOf(record: StoredRecord): string {
  const nameField = record.object.fields.find((field) => field.nameField);
  const value = nameField ? record.values[nameField.name] : null;
  return typeof value === 'string' && value !== '' ? value : record.id;
}

/** A field's value as a rep sees it: references as links to the parent by name. */
function cell(org: SandboxOrg, field: FieldDefinition, record: StoredRecord): string {
  const value = record.values[field.name] ?? null;
  if (value === null) return '';
  if (field.type === 'reference' && typeof value === 'string') {
    const parent = org.store.get(value);
    return parent ? `<a href="${escapeHtml(recordHref(parent.object, parent.id))}">${escapeHtml(nameOf(parent))}</a>` : escapeHtml(value);
  }
  if (field.type === 'url' && typeof value === 'string' && /^https?:\/\//i.test(value)) {
    return `<a href="${escapeHtml(value)}" rel="noopener noreferrer">${escapeHtml(value)}</a>`;
  }
  if (field.type === 'currency' && typeof value === 'number') return escapeHtml(`$${value.toLocaleString('en-US')}`);
  return escapeHtml(value);
}

/**
 * A read-only look at the org as a rep would see it: `/sandbox` lists the objects, `/sandbox/records/{type}` lists
 * records (newest first), `/sandbox/records/{type}/{id}` shows one record with its related lists. No session is
 * needed: the sandbox listens on loopback.
 */
export function registerRecordView(app: FastifyInstance, org: SandboxOrg): void {
  app.get('/sandbox', (_request, reply) => {
    const rows = org.schema
      .list()
      .map((object) => `<tr><td><a href="/sandbox/records/${escapeHtml(object.name)}">${escapeHtml(object.labelPlural)}</a></td><td>${escapeHtml(object.name)}</td><td>${org.store.table(object).liveCount}</td></tr>`)
      .join('');
    return page(reply, 'Salesforce sandbox', `<h1>Salesforce sandbox</h1><p class="muted">Org ${escapeHtml(org.orgId)}</p><table><tr><th>Object</th><th>API name</th><th>Records</th></tr>${rows}</table>`);
  });

  app.get('/sandbox/records/:type', (request, reply) => {
    const object = org.schema.find(z.object({ type: z.string() }).parse(request.params).type);
    if (!object) return reply.code(404).send('No such object');
    const query = z.object({ page: z.coerce.number().int().min(1).optional(), deleted: z.string().optional() }).parse(request.query);
    const showDeleted = query.deleted === '1';
    const pageNumber = query.page ?? 1;
    const all = org.store.table(object).byModstamp().filter((record) => isDeleted(record) === showDeleted);
    const slice = [...all].sort((a, b) => compareModstampThenId(b, a)).slice((pageNumber - 1) * PAGE_SIZE, pageNumber * PAGE_SIZE);
    const columns = object.fields.filter((field) => !field.nameField && field.type !== 'id' && field.type !== 'textarea' && !['IsDeleted', 'CreatedById', 'LastModifiedById', 'SystemModstamp', 'CreatedDate'].includes(field.name)).slice(0, 7);
    const head = `<tr><th>Name</th>${columns.map((field) => `<th>${escapeHtml(field.label)}</th>`).join('')}</tr>`;
    const rows = slice
      .map((record) => `<tr><td><a href="${escapeHtml(recordHref(object, record.id))}">${escapeHtml(nameOf(record))}</a></td>${columns.map((field) => `<td>${cell(org, field, record)}</td>`).join('')}</tr>`)
      .join('');
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    const base = `/sandbox/records/${encodeURIComponent(object.name)}?${showDeleted ? 'deleted=1&' : ''}page=`;
    const nav = [
      pageNumber > 1 ? `<a href="${escapeHtml(base + String(pageNumber - 1))}">Previous</a>` : '',
      `Page ${pageNumber} of ${pages}`,
      pageNumber < pages ? `<a href="${escapeHtml(base + String(pageNumber + 1))}">Next</a>` : '',
    ].join(' ');
    const toggle = showDeleted
      ? `<a href="/sandbox/records/${escapeHtml(object.name)}">Show live records</a>`
      : `<a href="/sandbox/records/${escapeHtml(object.name)}?deleted=1">Show recycle bin</a>`;
    return page(reply, object.labelPlural, `<p><a href="/sandbox">All objects</a></p><h1>${escapeHtml(object.labelPlural)}${showDeleted ? ' (recycle bin)' : ''}</h1><p class="muted">${all.length} records · ${toggle}</p><table>${head}${rows}</table><p>${nav}</p>`);
  });

  app.get('/sandbox/records/:type/:id', (request, reply) => {
    const params = z.object({ type: z.string(), id: z.string() }).parse(request.params);
    const object = org.schema.find(params.type);
    const id = normalizeId(params.id);
    const record = object && id !== undefined ? org.store.get(id) : undefined;
    if (!object || !record || record.object !== object) return reply.code(404).send('No such record');
    const master = record.values.MasterRecordId;
    const banner = !isDeleted(record)
      ? ''
      : typeof master === 'string'
        ? `<p class="banner">Merged into <a href="${escapeHtml(recordHref(object, master))}">${escapeHtml(master)}</a> and deleted.</p>`
        : '<p class="banner">This record is in the recycle bin.</p>';
    const fields = object.fields.map((field) => `<tr><th>${escapeHtml(field.label)}</th><td>${cell(org, field, record)}</td></tr>`).join('');
    const related = org.schema
      .childRelationships(object)
      .map((child) => {
        const children = org.store.table(child.childObject).findBy(child.field, record.id);
        const items = children.map((entry) => `<li><a href="${escapeHtml(recordHref(entry.object, entry.id))}">${escapeHtml(nameOf(entry))}</a></li>`).join('');
        return `<h2>${escapeHtml(child.childObject.labelPlural)} (${children.length})</h2>${items === '' ? '<p class="muted">None</p>' : `<ul>${items}</ul>`}`;
      })
      .join('');
    return page(reply, nameOf(record), `<p><a href="/sandbox/records/${escapeHtml(object.name)}">${escapeHtml(object.labelPlural)}</a></p><h1>${escapeHtml(nameOf(record))}</h1>${banner}<table>${fields}</table>${related}`);
  });
}
