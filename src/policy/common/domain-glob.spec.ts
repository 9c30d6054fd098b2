import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { domainMatches, invalidDomainGlob } from './domain-glob';

describe('domain globs (OPA glob.match with "." as the separator)', () => {
  const cases: [string, string, boolean][] = [
    ['example.com', 'example.com', true],
    ['example.com', 'exampleXcom', false],
    ['*.example.com', 'mail.example.com', true],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'example.com', false],
    ['**.example.com', 'a.b.example.com', true],
    ['exam?le.com', 'example.com', true],
    ['exam?le.com', 'exam.le.com', false],
    ['[ab]x.com', 'bx.com', true],
    ['[!ab]x.com', 'bx.com', false],
    ['[a-c]x.com', 'cx.com', true],
    ['{foo,bar}.com', 'bar.com', true],
    ['{foo,bar}.com', 'baz.com', false],
    ['a\\*b.com', 'a*b.com', true],
    ['a\\*b.com', 'axb.com', false],
    ['*', 'com', true],
    ['*', 'example.com', false],
  ];
  for (const [pattern, domain, expected] of cases) {
    it(`should ${expected ? '' : 'not '}match ${domain} against ${pattern}`, () => {
      assert.equal(domainMatches(pattern, domain), expected);
    });
  }

  it('should report unbalanced patterns', () => {
    assert.equal(invalidDomainGlob('*.example.com'), undefined);
    assert.ok(invalidDomainGlob('[abc.com'));
    assert.ok(invalidDomainGlob('{a,b.com'));
  });
});
