import { Injectable } from '@nestjs/common';
import type { JSONWebKeySet } from 'jose';
import { Clock } from '../core';
import { fetchJwks, type FetchJwksLimits } from './fetch-jwks';

export interface ClientJwksCacheOptions extends FetchJwksLimits {
  /** How long a fetched key set is used before it is fetched again. */
  ttlMs: number;
  /** An unknown `kid` refetches the set only if the cached copy is at least this old. */
  refetchCooldownMs: number;
  /** At most this many clients' key sets are kept; the oldest entry is dropped first. */
  maxEntries: number;
}

export const DEFAULT_JWKS_CACHE_OPTIONS: ClientJwksCacheOptions = {
  timeoutMs: 5_000,
  maxBytes: 64 * 1024,
  ttlMs: 15 * 60_000,
  refetchCooldownMs: 10_000,
  maxEntries: 1_000,
};

interface Entry {
  uri: string;
  jwks: JSONWebKeySet;
  fetchedAt: number;
}

/** A key set obtained from the cache, with whether it was fetched for this very call. */
export interface CachedJwks {
  jwks: JSONWebKeySet;
  fresh: boolean;
}

/**
 * Per-client cache of key sets fetched from `jwks_uri`, timed by the injected clock. Concurrent
 * lookups of the same client share one fetch; failures are not cached.
 */
@Injectable()
export class ClientJwksCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();
  readonly options: ClientJwksCacheOptions;

  constructor(
    private readonly clock: Clock,
    options: Partial<ClientJwksCacheOptions> = {},
  ) {
    this.options = { ...DEFAULT_JWKS_CACHE_OPTIONS, ...options };
  }

  /** The key set of `clientId` at `uri`, from the cache while it is younger than the TTL. */
  async get(clientId: string, uri: string): Promise<CachedJwks> {
    const entry = this.entries.get(clientId);
    const now = this.clock.now().getTime();
    if (entry && entry.uri === uri && now - entry.fetchedAt < this.options.ttlMs) {
      return { jwks: entry.jwks, fresh: false };
    }
    return { jwks: (await this.fetch(clientId, uri)).jwks, fresh: true };
  }

  /**
   * Fetches the set again after an unknown `kid` (key rotation), unless the cached copy is
   * younger than the cooldown; returns undefined when no refetch was allowed.
   */
  async refetch(clientId: string, uri: string): Promise<JSONWebKeySet | undefined> {
    const entry = this.entries.get(clientId);
    const now = this.clock.now().getTime();
    if (entry && entry.uri === uri && now - entry.fetchedAt < this.options.refetchCooldownMs) {
      return undefined;
    }
    return (await this.fetch(clientId, uri)).jwks;
  }

  private fetch(clientId: string, uri: string): Promise<Entry> {
    const key = `${clientId} ${uri}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const promise = fetchJwks(uri, this.options)
      .then((jwks) => {
        const entry = { uri, jwks, fetchedAt: this.clock.now().getTime() };
        this.entries.delete(clientId);
        this.entries.set(clientId, entry);
        while (this.entries.size > this.options.maxEntries) {
          const oldest = this.entries.keys().next().value;
          if (oldest === undefined) break;
          this.entries.delete(oldest);
        }
        return entry;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }
}
