import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScope } from '../../scopes/scope';
import type { OAuth2ClientEntity } from '../../storage/oauth2/oauth2-client.entity';
import { clientView, scopeLines } from './consent-view';

function client(over: Partial<OAuth2ClientEntity>): OAuth2ClientEntity {
  return {
    id: '01J0000000000000000000000A',
    clientName: null,
    clientUri: null,
    logoUri: null,
    policyUri: null,
    tosUri: null,
    isStatic: false,
    ...over,
  } as OAuth2ClientEntity;
}

describe('consent view', () => {
  it('should name the client by name, else client_uri host, else id', () => {
    assert.equal(
      clientView(client({ clientName: 'Element' }), 'https://a.example/cb').name,
      'Element',
    );
    assert.equal(
      clientView(client({ clientUri: 'https://app.example/' }), 'https://a.example/cb').name,
      'app.example',
    );
    assert.equal(clientView(client({}), 'https://a.example/cb').name, '01J0000000000000000000000A');
  });

  it('should only link https URIs and say where the browser goes next', () => {
    const v = clientView(
      client({
        logoUri: 'http://app.example/logo.png',
        policyUri: 'https://app.example/p',
        isStatic: true,
      }),
      'https://app.example:8443/cb',
    );
    assert.equal(v.logoUri, null);
    assert.equal(v.policyUri, 'https://app.example/p');
    assert.equal(v.selfRegistered, false);
    assert.deepEqual(v.destination, { kind: 'web', host: 'app.example:8443' });
    assert.deepEqual(clientView(client({}), 'com.example.app:/cb').destination, {
      kind: 'native',
      scheme: 'com.example.app',
    });
    assert.deepEqual(clientView(client({}), 'http://127.0.0.1:4000/cb').destination, {
      kind: 'loopback',
    });
  });

  it('should describe each scope once, devices with their id', () => {
    const lines = scopeLines(
      parseScope(
        'openid urn:matrix:client:api:* urn:matrix:org.matrix.msc2967.client:api:* urn:matrix:client:device:ABCDEFGHIJ email',
      ),
    );
    assert.deepEqual(lines, [
      { key: 'openid', values: {} },
      { key: 'matrix_api', values: {} },
      { key: 'matrix_device', values: { device: 'ABCDEFGHIJ' } },
      { key: 'email', values: {} },
    ]);
  });
});
