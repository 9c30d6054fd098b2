import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenType } from '../core';
import { hintAllows } from './token-type-hint';

const ACCESS = [TokenType.AccessToken, TokenType.CompatAccessToken, TokenType.PersonalAccessToken];
const REFRESH = [TokenType.RefreshToken, TokenType.CompatRefreshToken];

describe('hintAllows (RFC 7662 §2.1 token_type_hint, as MAS)', () => {
  it('should allow every kind without a hint or with an empty one', () => {
    for (const type of [...ACCESS, ...REFRESH]) {
      assert.equal(hintAllows(undefined, type), true);
      assert.equal(hintAllows('', type), true);
    }
  });

  it('should allow access tokens of every kind only under access_token', () => {
    for (const type of ACCESS) {
      assert.equal(hintAllows('access_token', type), true, type);
      assert.equal(hintAllows('refresh_token', type), false, type);
    }
  });

  it('should allow refresh tokens of every kind only under refresh_token', () => {
    for (const type of REFRESH) {
      assert.equal(hintAllows('refresh_token', type), true, type);
      assert.equal(hintAllows('access_token', type), false, type);
    }
  });

  it('should allow nothing under an unknown hint', () => {
    for (const hint of ['id_token', 'ACCESS_TOKEN', 'access_token ', 'pct']) {
      for (const type of [...ACCESS, ...REFRESH]) assert.equal(hintAllows(hint, type), false);
    }
  });
});
