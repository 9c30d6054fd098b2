/** A static client as the configuration describes it, with its secret in plain text. */
export interface DesiredClient {
  id: string;
  secret: string | null;
  tokenEndpointAuthMethod: string;
  clientName: string | null;
  clientUri: string | null;
  redirectUris: string[];
  jwks: unknown;
  jwksUri: string | null;
}

export interface SyncPlan {
  create: DesiredClient[];
  update: DesiredClient[];
  unchanged: DesiredClient[];
  /** Static clients in the database but not in the configuration (only removed with --prune). */
  stale: string[];
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

function same(a: DesiredClient, b: DesiredClient): boolean {
  return canonical(a) === canonical(b);
}

/** Compares the configuration with the stored static clients (both with plain-text secrets). */
export function planStaticClientSync(desired: DesiredClient[], stored: DesiredClient[]): SyncPlan {
  const byId = new Map(stored.map((c) => [c.id, c]));
  const wanted = new Set(desired.map((c) => c.id));
  const plan: SyncPlan = { create: [], update: [], unchanged: [], stale: [] };
  for (const client of desired) {
    const current = byId.get(client.id);
    if (!current) plan.create.push(client);
    else if (same(client, current)) plan.unchanged.push(client);
    else plan.update.push(client);
  }
  plan.stale = stored.filter((c) => !wanted.has(c.id)).map((c) => c.id);
  return plan;
}
