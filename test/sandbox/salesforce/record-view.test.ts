import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/sandbox/salesforce/http/record-view.js';
import { sandbox } from './sandbox-fixture.js';

describe('Salesforce sandbox record pages', () => {
  it('given values with markup, when escaped, then nothing is left to interpret', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(escapeHtml(null)).toBe('');
  });

  it('given an account with an opportunity, when a person opens the pages, then the list and the record show what a rep would see, escaped', async () => {
    const target = await sandbox();
    const account = target.store.create('Account', { Name: '<img src=x onerror=alert(1)> Acme', Website: 'https://acme.example', Industry: 'Banking' });
    target.store.create('Opportunity', { Name: 'Big "deal"', AccountId: account, StageName: 'Prospecting', CloseDate: '2024-06-30', Amount: 125000 });

    const index = await fetch(`${target.url}/sandbox`);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toContain('<a href="/sandbox/records/Account">Accounts</a></td><td>Account</td><td>1</td>');

    const list = await (await fetch(`${target.url}/sandbox/records/Account`)).text();
    expect(list).toContain('&lt;img src=x onerror=alert(1)&gt; Acme');
    expect(list).not.toContain('<img');

    const page = await (await fetch(`${target.url}/sandbox/records/Account/${account}`)).text();
    expect(page).toContain('<th>Account Name</th><td>&lt;img src=x onerror=alert(1)&gt; Acme</td>');
    expect(page).toContain('<a href="https://acme.example" rel="noopener noreferrer">https://acme.example</a>');
    expect(page).toContain('<h2>Opportunities (1)</h2>');
    expect(page).toContain('Big &quot;deal&quot;');

    const opportunity = target.store.ids('Opportunity')[0] ?? '';
    const opportunityPage = await (await fetch(`${target.url}/sandbox/records/Opportunity/${opportunity}`)).text();
    expect(opportunityPage).toContain(`<a href="/sandbox/records/Account/${account}">&lt;img src=x onerror=alert(1)&gt; Acme</a>`);
    expect(opportunityPage).toContain('$125,000');
  });

  it('given a merged account, when its page is opened, then it says where it was merged', async () => {
    const target = await sandbox();
    const winner = target.store.create('Account', { Name: 'Winner' });
    const loser = target.store.create('Account', { Name: 'Loser' });
    target.store.merge('Account', winner, [loser]);
    const page = await (await fetch(`${target.url}/sandbox/records/Account/${loser}`)).text();
    expect(page).toContain(`Merged into <a href="/sandbox/records/Account/${winner}">${winner}</a> and deleted.`);
    const bin = await (await fetch(`${target.url}/sandbox/records/Account?deleted=1`)).text();
    expect(bin).toContain('Loser');
    expect((await fetch(`${target.url}/sandbox/records/Account/001a1000000zzzzAAA`)).status).toBe(404);
    expect((await fetch(`${target.url}/sandbox/records/Nope`)).status).toBe(404);
  });
});
