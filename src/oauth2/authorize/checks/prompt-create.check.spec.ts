import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readAuthorizationParams } from '../authorization-params';
import { checkPrompt, promptValues } from './prompt.check';

const params = (prompt: string) => readAuthorizationParams({ prompt });

describe('prompt=create (Initiating User Registration via OIDC 1.0)', () => {
  it('should advertise create only while registration is on', () => {
    assert.ok(promptValues(true).includes('create'));
    assert.ok(!promptValues(false).includes('create'));
  });

  it('should refuse create while registration is off, as an unsupported value', () => {
    const result = checkPrompt(params('create'), false);
    assert.equal(result.ok, false);
  });

  it('should accept create while registration is on, but never with none', () => {
    const ok = checkPrompt(params('create'), true);
    assert.ok(ok.ok && ok.requirements.prompt.includes('create'));
    assert.equal(checkPrompt(params('none create'), true).ok, false);
  });
});
