import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatRequester, requesterBanned, requesterViolations } from './requester';

describe('requester bans (MAS common.rego requester_banned, format_requester)', () => {
  const data = { banned_ips: ['10.0.0.0/8'], banned_user_agents: { substrings: ['curl'] } };

  it('should ban by address or by user agent', () => {
    assert.equal(requesterBanned({ ipAddress: '10.1.2.3' }, data), true);
    assert.equal(requesterBanned({ userAgent: 'curl/8.0' }, data), true);
    assert.equal(requesterBanned({ ipAddress: '11.0.0.1', userAgent: 'Firefox' }, data), false);
    assert.equal(requesterBanned({}, data), false);
    assert.equal(requesterBanned({ ipAddress: '10.1.2.3' }, undefined), false);
  });

  it('should name the requester as MAS does', () => {
    assert.equal(formatRequester({}), 'unknown');
    assert.equal(formatRequester({ ipAddress: '1.2.3.4' }), '1.2.3.4');
    assert.equal(formatRequester({ userAgent: 'UA' }), 'UA');
    assert.equal(formatRequester({ ipAddress: '1.2.3.4', userAgent: 'UA' }), '1.2.3.4 / UA');
  });

  it("should refuse with MAS's message", () => {
    assert.deepEqual(requesterViolations({ ipAddress: '10.0.0.1', userAgent: 'X' }, data), [
      { msg: "Requester [10.0.0.1 / X] isn't allowed to do this action" },
    ]);
    assert.deepEqual(requesterViolations({ ipAddress: '1.0.0.1' }, data), []);
  });
});
