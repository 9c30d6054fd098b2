import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { negotiateLocale } from './negotiate-locale';

const AVAILABLE = ['en', 'fr', 'pt-BR', 'de'];

describe('negotiateLocale', () => {
  it('should fall back to en without a header or with nothing acceptable', () => {
    assert.equal(negotiateLocale(undefined, AVAILABLE), 'en');
    assert.equal(negotiateLocale('', AVAILABLE), 'en');
    assert.equal(negotiateLocale('ja, zh-CN;q=0.8', AVAILABLE), 'en');
    assert.equal(negotiateLocale('*', AVAILABLE), 'en');
  });

  it('should pick the highest weighted available language', () => {
    assert.equal(negotiateLocale('de;q=0.5, fr;q=0.9, en;q=0.1', AVAILABLE), 'fr');
    assert.equal(negotiateLocale('ja, de;q=0.3', AVAILABLE), 'de');
  });

  it('should keep header order between equal weights', () => {
    assert.equal(negotiateLocale('de, fr', AVAILABLE), 'de');
    assert.equal(negotiateLocale('fr, de', AVAILABLE), 'fr');
  });

  it('should match a regional range to its base language and the reverse', () => {
    assert.equal(negotiateLocale('fr-CA', AVAILABLE), 'fr');
    assert.equal(negotiateLocale('pt', AVAILABLE), 'pt-BR');
    assert.equal(negotiateLocale('PT-br', AVAILABLE), 'pt-BR');
  });

  it('should ignore q=0 and malformed entries', () => {
    assert.equal(negotiateLocale('fr;q=0, de;q=0.2', AVAILABLE), 'de');
    assert.equal(negotiateLocale('<script>, fr', AVAILABLE), 'fr');
    assert.equal(negotiateLocale('fr;q=0', AVAILABLE), 'en');
  });

  it('should honour another fallback', () => {
    assert.equal(negotiateLocale('ja', ['fr'], 'fr'), 'fr');
  });
});
