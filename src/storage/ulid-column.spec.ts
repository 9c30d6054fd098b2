import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ulidToUuid, ulidTransformer, uuidToUlid } from './ulid-column';

// Same 128 bits, two spellings: ULID (Crockford base32) and UUID (hex, as PostgreSQL prints it).
const VECTORS: [ulid: string, uuid: string][] = [
  ['00000000000000000000000000', '00000000-0000-0000-0000-000000000000'],
  ['0000000000000000000SYNAPSE', '00000000-0000-0000-0000-00067d555b2e'],
  ['01ARZ3NDEKTSV4RRFFQ69G5FAV', '01563e3a-b5d3-d676-4c61-efb99302bd5b'],
  ['7ZZZZZZZZZZZZZZZZZZZZZZZZZ', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
];

describe('ULID ↔ UUID conversion', () => {
  for (const [ulid, uuid] of VECTORS) {
    it(`should map ${ulid} to ${uuid} and back`, () => {
      assert.equal(ulidToUuid(ulid), uuid);
      assert.equal(uuidToUlid(uuid), ulid);
      assert.equal(uuidToUlid(uuid.toUpperCase()), ulid);
    });
  }

  it('should reject a string that is not a ULID', () => {
    assert.throws(() => ulidToUuid('not-a-ulid'));
  });

  it('should pass null through and convert arrays (IN lists) element-wise', () => {
    assert.equal(ulidTransformer.to(null), null);
    assert.equal(ulidTransformer.from(null), null);
    assert.deepEqual(ulidTransformer.to([VECTORS[1][0]]), [VECTORS[1][1]]);
  });
});
