import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Test } from '@nestjs/testing';
import { decodeTime } from 'ulid';
import { FakeClock } from '../../test/fakes/fake-clock';
import { Clock, SystemClock } from './clock';
import { CoreModule } from './core.module';
import { CryptoRng, Rng } from './rng';

describe('CoreModule', () => {
  it('should provide SystemClock and CryptoRng under the abstract tokens', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CoreModule] }).compile();
    assert.ok(moduleRef.get(Clock) instanceof SystemClock);
    assert.ok(moduleRef.get(Rng) instanceof CryptoRng);
  });

  it('should build the Rng on top of an overridden Clock', async () => {
    const clock = new FakeClock(new Date('2031-02-03T04:05:06.007Z'));
    const moduleRef = await Test.createTestingModule({ imports: [CoreModule] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    assert.equal(decodeTime(moduleRef.get(Rng).ulid()), clock.now().getTime());
  });
});
