import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT_ACTIONS, accountActionPath, signInFirst } from './account-actions';

describe('accountActionPath (MSC4191 deep links)', () => {
  it('should open a page for every advertised action', () => {
    const paths = ACCOUNT_ACTIONS.map((a) => [a, accountActionPath(a, 'DEVICE1234')]);
    assert.deepEqual(Object.fromEntries(paths), {
      'org.matrix.profile': null,
      'org.matrix.devices_list': '/account/sessions',
      'org.matrix.device_view': '/account/devices/DEVICE1234',
      'org.matrix.device_delete': '/account/devices/DEVICE1234?end=1',
      'org.matrix.account_deactivate': '/account/deactivate',
      'org.matrix.cross_signing_reset': '/account/cross-signing-reset',
      'org.matrix.sessions_list': '/account/sessions',
      'org.matrix.session_view': '/account/devices/DEVICE1234',
      'org.matrix.session_end': '/account/devices/DEVICE1234?end=1',
    });
  });

  it("should accept MAS's short unstable names", () => {
    assert.equal(accountActionPath('sessions_list', undefined), '/account/sessions');
    assert.equal(accountActionPath('session_view', 'D'), '/account/devices/D');
    assert.equal(accountActionPath('session_end', 'D'), '/account/devices/D?end=1');
    assert.equal(accountActionPath('profile', undefined), null);
  });

  it('should open the profile for an unknown, repeated or missing action', () => {
    assert.equal(accountActionPath('org.matrix.nope', 'D'), null);
    assert.equal(accountActionPath(['org.matrix.devices_list'], 'D'), null);
    assert.equal(accountActionPath(undefined, undefined), null);
    assert.equal(accountActionPath('__proto__', undefined), null);
  });

  it('should open the session list for a device action without a device, and encode the id', () => {
    assert.equal(accountActionPath('org.matrix.device_view', ''), '/account/sessions');
    assert.equal(accountActionPath('org.matrix.device_delete', ['x']), '/account/sessions');
    assert.equal(
      accountActionPath('org.matrix.device_view', 'a/b?c'),
      '/account/devices/a%2Fb%3Fc',
    );
  });

  it('should build a login path that returns to the page', () => {
    assert.equal(
      signInFirst('/account/devices/D?end=1'),
      '/login?next=%2Faccount%2Fdevices%2FD%3Fend%3D1',
    );
  });
});
