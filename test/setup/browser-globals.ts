/**
 * An in-memory Web Storage (HTML Living Standard §12.2.1, the `Storage` interface): what
 * matrix-js-sdk and oidc-client-ts keep their sign-in state in.
 */
export class MemoryStorage {
  private readonly items = new Map<string, string>();

  get length(): number {
    return this.items.size;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  clear(): void {
    this.items.clear();
  }
}

/** The part of a browser's `window` that matrix-js-sdk 37.5's OIDC helpers read. */
export interface BrowserWindowStandIn {
  sessionStorage: MemoryStorage;
  localStorage: MemoryStorage;
  location: { origin: string; href: string };
}

/** A window stand-in installed on `globalThis`, and how to take it away again. */
export interface InstalledBrowserGlobals {
  window: BrowserWindowStandIn;
  /** Puts back whatever `globalThis.window` was before (usually nothing). */
  restore(): void;
}

/**
 * Installs `globalThis.window` with empty session and local storage and a `location` on
 * `origin`, for browser libraries running under Node (matrix-js-sdk reads
 * `window.sessionStorage` and `window.location.origin`). Install it before the library loads;
 * call `restore()` when done.
 */
export function installBrowserGlobals(origin: string): InstalledBrowserGlobals {
  const previous = Object.getOwnPropertyDescriptor(globalThis, 'window');
  const standIn: BrowserWindowStandIn = {
    sessionStorage: new MemoryStorage(),
    localStorage: new MemoryStorage(),
    location: { origin, href: `${origin}/` },
  };
  Object.defineProperty(globalThis, 'window', {
    value: standIn,
    configurable: true,
    writable: true,
  });
  return {
    window: standIn,
    restore: () => {
      if (previous) Object.defineProperty(globalThis, 'window', previous);
      else delete (globalThis as { window?: unknown }).window;
    },
  };
}
