import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as parseSetCookie } from 'cookie';
import { Encrypter } from '../core';
import { SESSION_COOKIE_NAME, SessionCookieCodec, type SessionCookieState } from './session-cookie';

const KEY = Buffer.alloc(32, 7);
const STATE: SessionCookieState = {
  sessionId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
  csrf: { token: 'tok', expiresAt: 1_700_000_000_000 },
};

function valueOf(setCookie: string): string {
  return parseSetCookie(setCookie)[SESSION_COOKIE_NAME] ?? '';
}

describe('SessionCookieCodec', () => {
  const codec = new SessionCookieCodec(new Encrypter(KEY), 'https://auth.example.test/');

  it('should round-trip its state through an encrypted value', () => {
    const value = codec.encode(STATE);
    assert.doesNotMatch(value, /01HZZ|tok/);
    assert.deepEqual(codec.decode(value), STATE);
    assert.deepEqual(codec.decode(codec.encode({ sessionId: null, csrf: null })), {
      sessionId: null,
      csrf: null,
    });
  });

  it('should reject a tampered value or one from another key', () => {
    const raw = Buffer.from(codec.encode(STATE), 'base64');
    raw[raw.length - 20] ^= 1;
    assert.equal(codec.decode(raw.toString('base64')), null);
    const other = new SessionCookieCodec(new Encrypter(Buffer.alloc(32, 8)), 'https://a.test/');
    assert.equal(codec.decode(other.encode(STATE)), null);
    assert.equal(codec.decode('not base64 !'), null);
  });

  it('should reject well-encrypted JSON of the wrong shape', () => {
    const encrypter = new Encrypter(KEY);
    const forged = new SessionCookieCodec(encrypter, 'https://auth.example.test/');
    for (const doc of [{ v: 2, s: null, c: null, e: null }, { v: 1, s: 5, c: null, e: null }, []]) {
      assert.equal(forged.decode(encrypter.encrypt(JSON.stringify(doc))), null);
    }
  });

  it('should read the state from a Cookie header and ignore garbage', () => {
    const header = `other=1; ${SESSION_COOKIE_NAME}=${encodeURIComponent(codec.encode(STATE))}`;
    assert.deepEqual(codec.read(header), STATE);
    assert.deepEqual(codec.read(`${SESSION_COOKIE_NAME}=garbage`), { sessionId: null, csrf: null });
    assert.deepEqual(codec.read(undefined), { sessionId: null, csrf: null });
  });

  it('should set HttpOnly, SameSite=Lax, Secure on https and the public base path', () => {
    const header = codec.serialize(STATE);
    assert.match(header, /; HttpOnly/);
    assert.match(header, /; SameSite=Lax/);
    assert.match(header, /; Secure/);
    assert.match(header, /; Path=\/(;|$)/);
    assert.deepEqual(codec.decode(valueOf(header)), STATE);
    const plain = new SessionCookieCodec(new Encrypter(KEY), 'http://localhost:8080/auth/');
    assert.doesNotMatch(plain.serialize(STATE), /Secure/);
    assert.match(plain.serialize(STATE), /; Path=\/auth(;|$)/);
  });

  it('should clear the cookie with an empty, expired value', () => {
    const header = codec.clear();
    assert.equal(valueOf(header), '');
    assert.match(header, /Max-Age=0/);
  });
});
