import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requesterKey, UNKNOWN_ADDRESS_KEY } from './requester-key';

describe('requesterKey', () => {
  it('should key IPv4 clients by address, also when IPv4-mapped', () => {
    assert.equal(requesterKey('192.0.2.1'), '192.0.2.1');
    assert.equal(requesterKey('::ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(requesterKey('::FFFF:c000:0201'), '192.0.2.1');
    assert.notEqual(requesterKey('192.0.2.1'), requesterKey('192.0.2.2'));
  });

  it('should key IPv6 clients by their /64 whatever the spelling', () => {
    const key = requesterKey('2001:db8:1:2::1');
    assert.equal(key, '2001:db8:1:2::/64');
    assert.equal(requesterKey('2001:0db8:0001:0002:ffff:0:0:9'), key);
    assert.equal(requesterKey('2001:DB8:1:2:a:b:c:d'), key);
    assert.equal(requesterKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.equal(requesterKey('::1'), '0:0:0:0::/64');
    assert.equal(requesterKey('64:ff9b::192.0.2.1'), '64:ff9b:0:0::/64');
    assert.notEqual(requesterKey('2001:db8:1:3::1'), key);
  });

  it('should give clients without a known address one shared key', () => {
    assert.equal(requesterKey(null), UNKNOWN_ADDRESS_KEY);
    assert.equal(requesterKey(''), UNKNOWN_ADDRESS_KEY);
  });
});
