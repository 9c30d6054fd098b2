export { Bucket } from './bucket';
export { fixedWindowOf, MAX_WINDOW_SECONDS, type FixedWindow } from './fixed-window';
export { ALLOWED, retryAfterSeconds, type RateLimitVerdict } from './rate-limit-verdict';
export { RateLimitModule } from './rate-limit.module';
export { RateLimiter } from './rate-limiter.service';
export { requesterKey, UNKNOWN_ADDRESS_KEY } from './requester-key';
