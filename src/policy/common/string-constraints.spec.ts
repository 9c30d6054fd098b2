import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invalidRegex, matchesStringConstraints } from './string-constraints';

describe('string constraints (MAS common.rego matches_string_constraints)', () => {
  const cases: [string, Parameters<typeof matchesStringConstraints>[1], string, boolean][] = [
    ['a literal', { literals: ['alice'] }, 'alice', true],
    ['a literal is exact', { literals: ['alice'] }, 'alice2', false],
    ['a substring', { substrings: ['adm'] }, 'badmin', true],
    ['a prefix', { prefixes: ['bot-'] }, 'bot-1', true],
    ['a prefix only at the start', { prefixes: ['bot-'] }, 'xbot-1', false],
    ['a suffix', { suffixes: ['-bot'] }, 'x-bot', true],
    ['a suffix only at the end', { suffixes: ['-bot'] }, 'x-bot2', false],
    ['an unanchored regex', { regexes: ['^a+$'] }, 'aaa', true],
    ['a regex searches anywhere', { regexes: ['d+'] }, 'abddc', true],
    ['a regex that does not match', { regexes: ['^a+$'] }, 'ab', false],
    ['any list may match', { literals: ['x'], suffixes: ['e'] }, 'alice', true],
    ['empty constraints', {}, 'alice', false],
    ['absent constraints', undefined, 'alice', false],
    ['null lists', { literals: null }, 'alice', false],
  ];
  for (const [name, constraints, value, expected] of cases) {
    it(`should ${expected ? '' : 'not '}match ${name}`, () => {
      assert.equal(matchesStringConstraints(value, constraints), expected);
    });
  }

  it('should never match an absent value', () => {
    assert.equal(matchesStringConstraints(undefined, { regexes: ['.*'] }), false);
    assert.equal(matchesStringConstraints(null, { substrings: [''] }), false);
  });

  it('should report patterns that do not compile', () => {
    assert.equal(invalidRegex('^[a-z]+$'), undefined);
    assert.ok(invalidRegex('(unclosed'));
    assert.ok(invalidRegex('(?i)abc'), 'RE2-only syntax is refused, not silently different');
  });
});
