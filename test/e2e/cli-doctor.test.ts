import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateConfig } from '../../src/config';
import { runCliAsync } from '../setup/run-cli';
import { freeLoopbackPort } from '../setup/synapse';
import { writeTempFiles } from '../setup/test-config';

describe('mas-ts doctor without a deployment', () => {
  it('should report every unreachable part as a failed check and exit 1, without a stack trace', async () => {
    const NOWHERE = `http://127.0.0.1:${await freeLoopbackPort()}/`;
    const files = writeTempFiles(
      generateConfig(),
      `http:\n  public_base: "${NOWHERE}"\nmatrix:\n  homeserver: example.test\n  endpoint: "${NOWHERE}"\n`,
    );
    const r = await runCliAsync([
      ...files.flatMap((f) => ['-c', f]),
      'doctor',
      '--well-known-url',
      `${NOWHERE}.well-known/matrix/client`,
    ]);
    assert.equal(r.status, 1, r.stdout);
    assert.equal(r.stderr, 'error: 6 check(s) failed\n');
    assert.match(
      r.stdout,
      /^✖ mas-ts is not reachable at http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration \(ECONNREFUSED\)$/m,
    );
    assert.match(r.stdout, /^⚠ could not fetch the client well-known at .* \(ECONNREFUSED\)$/m);
    assert.match(r.stdout, /^✖ the homeserver is not reachable at /m);
    assert.match(r.stdout, /^8 checks: 0 ok, 2 warning\(s\), 6 error\(s\)$/m);
    assert.doesNotMatch(`${r.stdout}${r.stderr}`, /\n\s+at /);
  });

  it('should refuse a --well-known-url that is not a URL', async () => {
    const files = writeTempFiles(generateConfig());
    const r = await runCliAsync([
      ...files.flatMap((f) => ['-c', f]),
      'doctor',
      '--well-known-url',
      'nope',
    ]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'error: --well-known-url: "nope" is not a URL\n');
  });
});
