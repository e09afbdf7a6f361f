import type { FastifyReply } from 'fastify';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value that reaches a sandbox page goes through here. */
export function escapeHtml(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

const STYLE =
  'body{font:14px system-ui,sans-serif;margin:2rem;color:#181818}table{border-collapse:collapse;margin:1rem 0}' +
  'td,th{border-bottom:1px solid #ddd;padding:.35rem .8rem;text-align:left;vertical-align:top}th{background:#f3f3f3}' +
  '.banner{background:#fdecea;padding:.6rem 1rem;border-radius:4px}.muted{color:#706e6b}a{color:#0176d3}';

/** A read-only record page of a sandbox CRM: the title is escaped here, the body must be built escaped. */
export function sendPage(reply: FastifyReply, title: string, body: string): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`);
}
