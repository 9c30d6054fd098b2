import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseIssueTokenForm,
  parseSetPasswordForm,
  parseTokenListQuery,
  parseUserSearch,
  parseUtcDateTime,
  ulidOrNull,
} from './admin-forms';

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

describe('admin page forms', () => {
  it('should read a user search, trimming the text and refusing an unknown state', () => {
    assert.deepEqual(parseUserSearch({ q: '  bob ', state: 'locked', after: ID.toLowerCase() }), {
      q: 'bob',
      state: 'locked',
      after: ID,
      before: null,
    });
    assert.equal(parseUserSearch({}).state, null);
    assert.equal(parseUserSearch({ state: 'admin' }).state, 'admin');
    assert.equal(parseUserSearch({ state: 'sleeping' }).state, 'invalid');
    assert.deepEqual(parseUserSearch({ q: ['a', 'b'], after: 'not-an-id', before: 7 }), {
      q: '',
      state: null,
      after: null,
      before: null,
    });
    assert.deepEqual(parseUserSearch(null), { q: '', state: null, after: null, before: null });
  });

  it('should take only a single string as a field and only 1 as a ticked box', () => {
    assert.deepEqual(parseSetPasswordForm({ password: ['x'], skip_check: 'on' }), {
      password: '',
      passwordConfirm: '',
      skipCheck: false,
    });
    assert.equal(parseSetPasswordForm({ skip_check: '1' }).skipCheck, true);
    assert.deepEqual(parseIssueTokenForm({ token: ' t ', usage_limit: ' 3', expires_at: 'x ' }), {
      token: 't',
      usageLimit: '3',
      expiresAt: 'x',
    });
  });

  it('should accept only ULIDs as ids and cursors', () => {
    assert.equal(ulidOrNull(ID.toLowerCase()), ID);
    for (const bad of ['', 'x', `${ID}0`, '81ARZ3NDEKTSV4RRFFQ69G5FAV', undefined, 3]) {
      assert.equal(ulidOrNull(bad), null, String(bad));
    }
    assert.deepEqual(parseTokenListQuery({ older_than: ID, newer_than: 'no', done: 'issued' }), {
      olderThan: ID,
      newerThan: null,
      done: 'issued',
      issued: null,
    });
  });

  it('should read a datetime-local value as UTC and refuse days and times that do not exist', () => {
    assert.equal(parseUtcDateTime('2030-01-31T12:30')?.toISOString(), '2030-01-31T12:30:00.000Z');
    assert.equal(
      parseUtcDateTime('2028-02-29T00:00:59')?.toISOString(),
      '2028-02-29T00:00:59.000Z',
    );
    for (const bad of [
      '',
      'tomorrow',
      '2030-01-31',
      '2030-01-31 12:30',
      '2026-02-29T10:00',
      '2026-02-30T10:00',
      '2026-13-01T10:00',
      '2026-00-10T10:00',
      '2026-01-01T24:00',
      '2026-01-01T10:60',
      '2026-01-01T10:00Z',
    ]) {
      assert.equal(parseUtcDateTime(bad), null, bad);
    }
  });
});
