import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { CryptoRng, Rng } from './rng';

/** Global providers for time and randomness; tests override `Clock` and `Rng` with fakes. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: Rng, useClass: CryptoRng },
  ],
  exports: [Clock, Rng],
})
export class CoreModule {}
