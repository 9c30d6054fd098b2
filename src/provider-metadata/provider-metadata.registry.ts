import { Injectable } from '@nestjs/common';
import type { ProviderMetadata } from './provider-metadata';

/**
 * Collects the discovery metadata each feature module contributes when it starts, so the
 * discovery document lists exactly what this process serves and never drifts from it.
 * Arrays from several contributors are merged as a set union; scalars must agree.
 */
@Injectable()
export class ProviderMetadataRegistry {
  private readonly metadata: ProviderMetadata = {};

  contribute(fragment: ProviderMetadata): void {
    for (const [key, value] of Object.entries(fragment)) {
      if (value === undefined) continue;
      const existing: unknown = this.metadata[key];
      if (Array.isArray(value)) {
        const before: unknown[] = Array.isArray(existing) ? existing : [];
        const merged = new Set<unknown>([...before, ...(value as unknown[])]);
        this.metadata[key] = [...merged];
      } else if (existing !== undefined && existing !== value) {
        throw new Error(`conflicting discovery metadata for '${key}'`);
      } else {
        this.metadata[key] = value;
      }
    }
  }

  /** A copy of everything contributed so far. */
  snapshot(): ProviderMetadata {
    return structuredClone(this.metadata);
  }
}
