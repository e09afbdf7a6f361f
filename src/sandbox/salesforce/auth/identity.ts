import type { SandboxOrg } from '../sandbox-org.js';
import { LATEST_VERSION } from '../http/api-versions.js';

/**
 * The identity service's answer for a user
 * (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_openid.htm): who they are, and the org's
 * API URLs with `{version}` placeholders.
 */
export function identityBody(org: SandboxOrg, userId: string, baseUrl: string): Record<string, unknown> {
  const user = org.store.get(userId);
  const value = (name: string): string | null => {
    const field = user?.values[name];
    return typeof field === 'string' ? field : null;
  };
  const org15 = org.orgId.slice(0, 15);
  const soap = (kind: string): string => `${baseUrl}/services/Soap/${kind}/{version}/${org15}`;
  const rest = (path: string): string => `${baseUrl}/services/data/v{version}/${path}`;
  return {
    id: `${baseUrl}/id/${org.orgId}/${userId}`,
    asserted_user: true,
    user_id: userId,
    organization_id: org.orgId,
    username: value('Username'),
    nick_name: value('Alias'),
    display_name: value('Name'),
    email: value('Email'),
    email_verified: true,
    first_name: value('FirstName'),
    last_name: value('LastName'),
    timezone: 'GMT',
    photos: { picture: null, thumbnail: null },
    status: { created_date: null, body: null },
    urls: {
      enterprise: soap('c'),
      metadata: soap('m'),
      partner: soap('u'),
      rest: rest(''),
      sobjects: rest('sobjects/'),
      search: rest('search/'),
      query: rest('query/'),
      recent: rest('recent/'),
      tooling_soap: soap('T'),
      tooling_rest: rest('tooling/'),
      profile: `${baseUrl}/${userId}`,
      custom_domain: baseUrl,
    },
    active: user?.values.IsActive === true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    last_modified_date: value('LastModifiedDate'),
    is_app_installed: true,
    latest_api_version: `${LATEST_VERSION}.0`,
  };
}
