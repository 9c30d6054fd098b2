import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseClientMetadata } from '../../client-registration/parse-client-metadata';
import {
  clientRegistrationViolations,
  type ClientRegistrationPolicyData,
} from './client-registration.policy';

function violations(body: Record<string, unknown>, data: ClientRegistrationPolicyData = {}) {
  const parsed = parseClientMetadata(body);
  assert.ok(parsed.ok, 'fixture must parse');
  return clientRegistrationViolations({ metadata: parsed.metadata, data }).map((v) => v.msg);
}

const EX = 'https://example.com/';
const INSECURE = { allow_insecure_uris: true };
const MISMATCH = { allow_host_mismatch: true };
const MISSING = { allow_missing_client_uri: true };

type Case = [name: string, body: Record<string, unknown>, data?: ClientRegistrationPolicyData];

// Ported from MAS policies/client_registration/client_registration_test.rego.
const ALLOWED: Case[] = [
  [
    'valid web client',
    { grant_types: ['authorization_code'], client_uri: EX, redirect_uris: [`${EX}callback`] },
  ],
  ['missing client_uri with the toggle', { grant_types: [] }, MISSING],
  ['tos_uri on the same host', { grant_types: [], client_uri: EX, tos_uri: `${EX}tos` }],
  [
    'insecure tos_uri with the toggle',
    { grant_types: [], client_uri: EX, tos_uri: 'http://example.com/tos' },
    INSECURE,
  ],
  [
    'tos_uri on a subdomain',
    { grant_types: [], client_uri: EX, tos_uri: 'https://tos.example.com/' },
  ],
  [
    'tos_uri host mismatch with the toggle',
    { grant_types: [], client_uri: EX, tos_uri: 'https://example.org/tos' },
    MISMATCH,
  ],
  ['logo_uri on the same host', { grant_types: [], client_uri: EX, logo_uri: `${EX}logo.png` }],
  [
    'insecure logo_uri with the toggle',
    { grant_types: [], client_uri: EX, logo_uri: 'http://example.com/logo.png' },
    INSECURE,
  ],
  [
    'logo_uri on a subdomain',
    { grant_types: [], client_uri: EX, logo_uri: 'https://static.example.com/logo.png' },
  ],
  [
    'logo_uri host mismatch with the toggle',
    { grant_types: [], client_uri: EX, logo_uri: 'https://example.org/logo.png' },
    MISMATCH,
  ],
  ['policy_uri on the same host', { grant_types: [], client_uri: EX, policy_uri: `${EX}policy` }],
  [
    'insecure policy_uri with the toggle',
    { grant_types: [], client_uri: EX, policy_uri: 'http://example.com/policy' },
    INSECURE,
  ],
  [
    'policy_uri on a subdomain',
    { grant_types: [], client_uri: EX, policy_uri: 'https://policy.example.com/' },
  ],
  [
    'policy_uri host mismatch with the toggle',
    { grant_types: [], client_uri: EX, policy_uri: 'https://example.org/policy' },
    MISMATCH,
  ],
  [
    'no redirect_uris for client_credentials',
    { grant_types: ['client_credentials'], client_uri: EX },
  ],
  [
    'web redirect URIs with paths, query and ~',
    {
      application_type: 'web',
      client_uri: EX,
      redirect_uris: [
        `${EX}second/callback`,
        `${EX}callback`,
        `${EX}callback?query=value`,
        `${EX}callback~path_with_extra_chars`,
      ],
    },
  ],
  [
    'insecure localhost web client with the toggle',
    {
      application_type: 'web',
      client_uri: 'http://localhost:8080',
      redirect_uris: ['http://localhost:8080/?no_universal_links=true'],
    },
    INSECURE,
  ],
  [
    'https redirect on a non-standard port',
    {
      application_type: 'web',
      client_uri: EX,
      redirect_uris: ['https://example.com:8443/callback'],
    },
  ],
  [
    'insecure web redirect with the toggle',
    {
      application_type: 'web',
      client_uri: EX,
      redirect_uris: ['http://example.com/callback', `${EX}callback`],
    },
    INSECURE,
  ],
  [
    'web redirect host mismatch with the toggle',
    {
      application_type: 'web',
      client_uri: EX,
      redirect_uris: [`${EX}second/callback`, 'https://example.org/callback'],
    },
    MISMATCH,
  ],
  [
    'web redirect on a subdomain',
    {
      application_type: 'web',
      client_uri: EX,
      redirect_uris: ['https://app.example.com/callback'],
    },
  ],
  [
    'web redirect with a query and no path',
    {
      application_type: 'web',
      client_uri: EX,
      redirect_uris: [`${EX}callback?query=value`, 'https://example.com?query=value'],
    },
  ],
  [
    'every native redirect kind',
    {
      application_type: 'native',
      client_uri: EX,
      redirect_uris: [
        'com.example.app:/callback',
        'http://localhost/callback',
        'http://localhost:1234/callback',
        'http://127.0.0.1/callback',
        'http://127.0.0.1:1234/callback',
        'http://[::1]/callback',
        'http://[::1]:1234/callback',
        `${EX}callback`,
      ],
    },
  ],
  [
    'client_credentials with client_secret_basic',
    {
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic',
      client_uri: EX,
    },
  ],
  [
    'client_credentials with the default auth method',
    { grant_types: ['client_credentials'], client_uri: EX },
  ],
  [
    'reverse-DNS scheme of element.io',
    {
      application_type: 'native',
      client_uri: 'https://element.io/',
      redirect_uris: ['io.element.app:/callback'],
    },
  ],
];

const DENIED: [...Case, expected: string[]][] = [
  ['missing client_uri', { grant_types: [] }, {}, ['missing client_uri']],
  [
    'insecure client_uri',
    { grant_types: [], client_uri: 'http://example.com/' },
    {},
    ['invalid client_uri'],
  ],
  [
    'client_uri on localhost',
    { grant_types: [], client_uri: 'https://localhost/' },
    {},
    ['invalid client_uri'],
  ],
  [
    'insecure tos_uri',
    { grant_types: [], client_uri: EX, tos_uri: 'http://example.com/tos' },
    {},
    ['invalid tos_uri'],
  ],
  [
    'tos_uri host mismatch',
    { grant_types: [], client_uri: EX, tos_uri: 'https://example.org/tos' },
    {},
    ['tos_uri not on the same host as the client_uri'],
  ],
  [
    'insecure logo_uri',
    { grant_types: [], client_uri: EX, logo_uri: 'http://example.com/logo.png' },
    {},
    ['invalid logo_uri'],
  ],
  [
    'logo_uri host mismatch',
    { grant_types: [], client_uri: EX, logo_uri: 'https://example.org/logo.png' },
    {},
    ['logo_uri not on the same host as the client_uri'],
  ],
  [
    'insecure policy_uri',
    { grant_types: [], client_uri: EX, policy_uri: 'http://example.com/policy' },
    {},
    ['invalid policy_uri'],
  ],
  [
    'policy_uri host mismatch',
    { grant_types: [], client_uri: EX, policy_uri: 'https://example.org/policy' },
    {},
    ['policy_uri not on the same host as the client_uri'],
  ],
  ['missing redirect_uris', { client_uri: EX }, {}, ['missing redirect_uris']],
  [
    'empty redirect_uris',
    { client_uri: EX, redirect_uris: [] },
    {},
    ['invalid redirect_uris: it must have at least one redirect_uri'],
  ],
  [
    'redirect_uris required by authorization_code',
    { grant_types: ['client_credentials', 'refresh_token', 'authorization_code'], client_uri: EX },
    {},
    ['missing redirect_uris'],
  ],
  [
    'redirect_uris required by implicit',
    { grant_types: ['client_credentials', 'implicit'], client_uri: EX },
    {},
    ['missing redirect_uris'],
  ],
  [
    'insecure web redirect',
    {
      application_type: 'web',
      client_uri: EX,
      redirect_uris: ['http://example.com/callback', `${EX}callback`],
    },
    {},
    ['invalid redirect_uri'],
  ],
  [
    'web redirect host mismatch',
    {
      application_type: 'web',
      client_uri: EX,
      redirect_uris: [`${EX}second/callback`, 'https://example.org/callback'],
    },
    {},
    ['invalid redirect_uri'],
  ],
  [
    'custom scheme on a web client',
    { application_type: 'web', client_uri: EX, redirect_uris: ['com.example.app:/callback'] },
    {},
    ['invalid redirect_uri'],
  ],
  [
    'http on a (misspelt) localhost for web',
    { application_type: 'web', client_uri: EX, redirect_uris: ['http://locahost:1234/callback'] },
    {},
    ['invalid redirect_uri'],
  ],
  [
    '127.0.0.1 for web',
    { application_type: 'web', client_uri: EX, redirect_uris: ['http://127.0.0.1:1234/callback'] },
    {},
    ['invalid redirect_uri'],
  ],
  [
    '[::1] for web',
    { application_type: 'web', client_uri: EX, redirect_uris: ['http://[::1]:1234/callback'] },
    {},
    ['invalid redirect_uri'],
  ],
  [
    'insecure native redirect',
    { application_type: 'native', client_uri: EX, redirect_uris: ['http://example.com/'] },
    {},
    ['invalid redirect_uri'],
  ],
  [
    'native redirect on another host',
    { application_type: 'native', client_uri: EX, redirect_uris: ['http://bad.com/'] },
    {},
    ['invalid redirect_uri'],
  ],
  [
    'https on localhost for native',
    { application_type: 'native', client_uri: EX, redirect_uris: ['https://localhost:1234/'] },
    {},
    ['invalid redirect_uri'],
  ],
  [
    'localhost.com is not loopback',
    { application_type: 'native', client_uri: EX, redirect_uris: ['http://localhost.com/'] },
    {},
    ['invalid redirect_uri'],
  ],
  [
    'custom scheme of another domain',
    { application_type: 'native', client_uri: EX, redirect_uris: ['org.example.app:/callback'] },
    {},
    ['invalid redirect_uri'],
  ],
  [
    'custom scheme with an authority',
    { application_type: 'native', client_uri: EX, redirect_uris: ['com.example.app://callback'] },
    {},
    ['invalid redirect_uri'],
  ],
  [
    'custom scheme without client_uri',
    { application_type: 'native', redirect_uris: ['com.example.app:/callback'] },
    MISSING,
    ['invalid redirect_uri'],
  ],
  [
    'client_credentials for a public client',
    { grant_types: ['client_credentials'], token_endpoint_auth_method: 'none', client_uri: EX },
    {},
    ['client_credentials grant_type requires some form of client authentication'],
  ],
  [
    'percent-encoded path is outside the grammar',
    { client_uri: EX, redirect_uris: [`${EX}a%20b`] },
    {},
    ['invalid redirect_uri'],
  ],
  [
    'host mismatch still checked when only client_uri may be missing',
    { grant_types: [], client_uri: EX, tos_uri: 'https://example.org/tos' },
    MISSING,
    ['tos_uri not on the same host as the client_uri'],
  ],
  [
    'one message per bad redirect URI',
    { client_uri: EX, redirect_uris: ['https://a.org/', 'https://b.org/'] },
    {},
    ['invalid redirect_uri', 'invalid redirect_uri'],
  ],
];

describe('client_registration policy (MSC2966, MAS rego cases)', () => {
  for (const [name, body, data] of ALLOWED) {
    it(`should allow: ${name}`, () => {
      assert.deepEqual(violations(body, data), []);
    });
  }
  for (const [name, body, data, expected] of DENIED) {
    it(`should refuse: ${name}`, () => {
      assert.deepEqual(violations(body, data), expected);
    });
  }
  it('should accept anything as secure but still match hosts with allow_insecure_uris', () => {
    const body = { client_uri: EX, redirect_uris: ['http://evil.org/cb'] };
    assert.deepEqual(violations(body, INSECURE), ['invalid redirect_uri']);
    assert.deepEqual(violations(body, { ...INSECURE, ...MISMATCH }), []);
  });
});
