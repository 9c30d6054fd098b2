import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prefillFromLoginHint } from './login-hint';

describe('prefillFromLoginHint', () => {
  it('should prefill the localpart of an mxid hint on this homeserver', () => {
    assert.equal(prefillFromLoginHint('mxid:@alice:example.test', 'example.test', false), 'alice');
    assert.equal(prefillFromLoginHint('mxid:@alice:EXAMPLE.test', 'example.test', false), 'alice');
  });

  it('should ignore an mxid hint of another server or a malformed one', () => {
    assert.equal(prefillFromLoginHint('mxid:@alice:evil.example', 'example.test', true), '');
    assert.equal(prefillFromLoginHint('mxid:alice', 'example.test', true), '');
    assert.equal(prefillFromLoginHint('@alice:example.test', 'example.test', false), '');
  });

  it('should prefill an email only when email login is allowed', () => {
    assert.equal(prefillFromLoginHint('a@b.example', 'example.test', true), 'a@b.example');
    assert.equal(prefillFromLoginHint('a@b.example', 'example.test', false), '');
    assert.equal(prefillFromLoginHint('not an email', 'example.test', true), '');
  });

  it('should ignore non-string hints', () => {
    assert.equal(prefillFromLoginHint(['mxid:@a:example.test'], 'example.test', true), '');
    assert.equal(prefillFromLoginHint(undefined, 'example.test', true), '');
  });
});
