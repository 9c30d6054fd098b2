import type { ScopeToken } from '../../scopes/scope';
import type { OAuth2ClientEntity } from '../../storage/oauth2/oauth2-client.entity';

/** One line of the consent page: a translation key and its values, or a raw scope. */
export interface ScopeLine {
  key: string;
  values: Record<string, string>;
}

/** What a consent page shows about the client. */
export interface ClientCard {
  name: string;
  clientUri: string | null;
  logoUri: string | null;
  policyUri: string | null;
  tosUri: string | null;
  /** Dynamically registered clients are not vouched for by the operator. */
  selfRegistered: boolean;
}

/** What the consent page of a code flow shows about the client. */
export interface ClientView extends ClientCard {
  /** Where the person is sent afterwards: a web host, or a description of a native app. */
  destination:
    { kind: 'web'; host: string } | { kind: 'native'; scheme: string } | { kind: 'loopback' };
}

function hostOf(uri: string | null): string | null {
  if (!uri) return null;
  try {
    return new URL(uri).host || null;
  } catch {
    return null;
  }
}

function httpsOnly(uri: string | null): string | null {
  return uri !== null && uri.startsWith('https://') ? uri : null;
}

function destinationOf(redirectUri: string): ClientView['destination'] {
  const url = new URL(redirectUri);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { kind: 'native', scheme: url.protocol.slice(0, -1) };
  }
  if (['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname)) return { kind: 'loopback' };
  return { kind: 'web', host: url.host };
}

/**
 * The client as a person should see it before consenting: its name (or the host of its
 * `client_uri`, or its id) and links only when https.
 */
export function clientCard(client: OAuth2ClientEntity): ClientCard {
  return {
    name: client.clientName ?? hostOf(client.clientUri) ?? client.id,
    clientUri: httpsOnly(client.clientUri),
    logoUri: httpsOnly(client.logoUri),
    policyUri: httpsOnly(client.policyUri),
    tosUri: httpsOnly(client.tosUri),
    selfRegistered: !client.isStatic,
  };
}

/** {@link clientCard}, plus where the browser will go next. */
export function clientView(client: OAuth2ClientEntity, redirectUri: string): ClientView {
  return { ...clientCard(client), destination: destinationOf(redirectUri) };
}

/** The requested scopes in plain words (translation keys under `consent.scopes`). */
export function scopeLines(scope: readonly ScopeToken[]): ScopeLine[] {
  const lines: ScopeLine[] = [];
  for (const token of scope) {
    switch (token.kind) {
      case 'openid':
      case 'email':
      case 'synapse_admin':
      case 'mas_admin':
      case 'mas_graphql':
      case 'matrix_api':
        if (!lines.some((l) => l.key === token.kind)) lines.push({ key: token.kind, values: {} });
        break;
      case 'matrix_device':
        lines.push({ key: 'matrix_device', values: { device: token.deviceId } });
        break;
      case 'other':
        lines.push({ key: 'other', values: { scope: token.raw } });
        break;
    }
  }
  return lines;
}
