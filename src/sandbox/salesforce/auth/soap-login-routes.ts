import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SandboxOrg } from '../sandbox-org.js';
import { parseApiVersion } from '../http/api-versions.js';
import { checkPassword } from './login-checks.js';

const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => XML_ENTITIES[entity] ?? entity);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The text of the first `<name>` element (any namespace prefix) in a SOAP body. */
function element(xml: string, name: string): string | undefined {
  const match = new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:\\w+:)?${name}>`).exec(xml);
  return match?.[1] === undefined ? undefined : unescapeXml(match[1]);
}

const LoginRequest = z.object({ username: z.string().min(1), password: z.string().min(1) });

const envelope = (body: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sf="urn:fault.partner.soap.sforce.com">' +
  `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

function fault(reply: FastifyReply, code: string, message: string): FastifyReply {
  const body =
    `<soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${escapeXml(message)}</faultstring>` +
    `<detail><sf:LoginFault xsi:type="sf:LoginFault"><sf:exceptionCode>${code}</sf:exceptionCode>` +
    `<sf:exceptionMessage>${escapeXml(message)}</sf:exceptionMessage></sf:LoginFault></detail></soapenv:Fault>`;
  return reply.code(500).header('content-type', 'text/xml;charset=UTF-8').send(envelope(body));
}

/**
 * SOAP `login()` and `logout()` on `/services/Soap/u/XX.X`
 * (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_login.htm): what jsforce's
 * `conn.login(username, password)` calls when the connection has no OAuth2 client id and secret.
 */
export function registerSoapLoginRoutes(app: FastifyInstance, org: SandboxOrg, baseUrl: () => string): void {
  app.post('/services/Soap/u/:version', (request, reply) => {
    const { version: segment } = z.object({ version: z.string() }).parse(request.params);
    const version = parseApiVersion(`v${segment}`);
    const xml = typeof request.body === 'string' ? request.body : '';
    if (version === undefined) return fault(reply, 'UNSUPPORTED_API_VERSION', `Invalid Api version specified on URL: ${segment}`);
    if (/<(?:\w+:)?logout[\s/>]/.test(xml)) {
      const sessionId = element(xml, 'sessionId');
      if (sessionId !== undefined) org.sessions.revoke(sessionId);
      return reply.header('content-type', 'text/xml;charset=UTF-8').send(envelope('<logoutResponse/>'));
    }
    const parsed = LoginRequest.safeParse({ username: element(xml, 'username'), password: element(xml, 'password') });
    const userId = parsed.success ? checkPassword(org, parsed.data.username, parsed.data.password) : undefined;
    if (userId === undefined) return fault(reply, 'INVALID_LOGIN', 'Invalid username, password, security token; or user locked out.');
    const session = org.sessions.issue(userId, undefined);
    const user = org.store.get(userId);
    const text = (name: string): string => escapeXml(String(user?.values[name] ?? ''));
    const url = baseUrl();
    const org15 = org.orgId.slice(0, 15);
    const result =
      `<loginResponse><result><metadataServerUrl>${url}/services/Soap/m/${version}/${org15}</metadataServerUrl>` +
      '<passwordExpired>false</passwordExpired><sandbox>true</sandbox>' +
      `<serverUrl>${url}/services/Soap/u/${version}/${org15}</serverUrl>` +
      `<sessionId>${escapeXml(session.accessToken)}</sessionId><userId>${userId}</userId>` +
      '<userInfo><accessibilityMode>false</accessibilityMode><currencySymbol>$</currencySymbol><orgDefaultCurrencyIsoCode>USD</orgDefaultCurrencyIsoCode>' +
      `<organizationId>${org.orgId}</organizationId><organizationMultiCurrency>false</organizationMultiCurrency>` +
      `<organizationName>Sandbox Org</organizationName><userEmail>${text('Email')}</userEmail>` +
      `<userFullName>${text('Name')}</userFullName><userId>${userId}</userId><userLanguage>en_US</userLanguage>` +
      `<userLocale>en_US</userLocale><userName>${text('Username')}</userName><userTimeZone>GMT</userTimeZone>` +
      '<userType>Standard</userType></userInfo></result></loginResponse>';
    return reply.header('content-type', 'text/xml;charset=UTF-8').send(envelope(result));
  });
}
