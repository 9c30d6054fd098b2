import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ipInList } from './ip-list';

describe('ipInList (MAS common.rego ip_in_list)', () => {
  const list = ['192.168.0.0/16', '10.0.0.1', '2001:db8::/32', '::1'];
  const cases: [string, boolean][] = [
    ['192.168.1.2', true],
    ['192.169.0.1', false],
    ['10.0.0.1', true],
    ['10.0.0.2', false],
    ['2001:db8::5', true],
    ['2001:db9::5', false],
    ['::1', true],
    ['::ffff:192.168.3.4', true],
    ['not an ip', false],
  ];
  for (const [ip, expected] of cases) {
    it(`should ${expected ? '' : 'not '}find ${ip}`, () =>
      assert.equal(ipInList(ip, list), expected));
  }

  it('should treat a bare address as /32 or /128 and skip unparseable entries', () => {
    assert.equal(ipInList('1.2.3.4', ['junk', '1.2.3.4/40', '1.2.3.4']), true);
    assert.equal(ipInList('1.2.3.5', ['junk', '1.2.3.4']), false);
  });

  it('should never find an absent address or search an absent list', () => {
    assert.equal(ipInList(undefined, list), false);
    assert.equal(ipInList(null, list), false);
    assert.equal(ipInList('10.0.0.1', undefined), false);
    assert.equal(ipInList('10.0.0.1', []), false);
  });
});
