import { createHmac, timingSafeEqual } from 'node:crypto';

/** HubSpot refuses to be replayed after five minutes; so do we. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60_000;

/**
 * The v3 request signature: base64 HMAC-SHA256, keyed with the app's client secret, of
 * method + full URI + raw body + timestamp (the `X-HubSpot-Request-Timestamp` header, epoch ms).
 * https://developers.hubspot.com/docs/api/webhooks/validating-requests
 */
export function hubSpotSignatureV3(clientSecret: string, method: string, uri: string, body: string, timestamp: string): string {
  return createHmac('sha256', clientSecret).update(`${method}${uri}${body}${timestamp}`, 'utf8').digest('base64');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyHubSpotSignatureV3(input: {
  clientSecret: string;
  method: string;
  uri: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  now?: number;
}): SignatureCheck {
  if (!input.signature || !input.timestamp) return { ok: false, reason: 'X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp headers are required' };
  const sent = Number(input.timestamp);
  if (!Number.isFinite(sent)) return { ok: false, reason: 'X-HubSpot-Request-Timestamp is not epoch milliseconds' };
  if (Math.abs((input.now ?? Date.now()) - sent) > MAX_SIGNATURE_AGE_MS) {
    return { ok: false, reason: 'the request timestamp is more than five minutes old (a replay?)' };
  }
  const expected = Buffer.from(hubSpotSignatureV3(input.clientSecret, input.method, input.uri, input.body, input.timestamp));
  const given = Buffer.from(input.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'the signature does not match (wrong client secret, or the body or URL was changed)' };
  }
  return { ok: true };
}
