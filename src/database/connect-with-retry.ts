import type { DataSource } from 'typeorm';

export interface RetryOptions {
  /** Stop retrying once the waits add up to this much. */
  budgetMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** Called before each wait with a one-line, secret-free reason. */
  onRetry: (attempt: number, delayMs: number, reason: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** A connection failure after every attempt; `reason` is safe to print. */
export class DatabaseUnreachableError extends Error {
  constructor(
    readonly attempts: number,
    readonly reason: string,
  ) {
    super(`database unreachable after ${attempts} attempts: ${reason}`);
    this.name = 'DatabaseUnreachableError';
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: string }).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Initialises `dataSource`, retrying with exponential backoff while the server is unreachable. */
export async function connectWithRetry(dataSource: DataSource, opts: RetryOptions): Promise<void> {
  const sleep = opts.sleep ?? defaultSleep;
  let delay = opts.firstDelayMs;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      await dataSource.initialize();
      return;
    } catch (error) {
      const reason = reasonOf(error);
      const wait = Math.min(delay, opts.budgetMs - waited);
      if (wait <= 0) throw new DatabaseUnreachableError(attempt, reason);
      opts.onRetry(attempt, wait, reason);
      await sleep(wait);
      waited += wait;
      delay = Math.min(delay * 2, opts.maxDelayMs);
    }
  }
}
