import { Global, Module } from '@nestjs/common';
import { RateLimiter } from './rate-limiter.service';

/** `RateLimiter` for every module (needs the global config). */
@Global()
@Module({
  providers: [RateLimiter],
  exports: [RateLimiter],
})
export class RateLimitModule {}
