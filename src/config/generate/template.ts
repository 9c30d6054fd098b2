import type { GeneratedSecrets } from './secrets';

/** Parts of the generated file that differ between `config generate` and the dev config. */
export interface TemplateParts {
  secrets: GeneratedSecrets;
  /** The `http:` section, already indented. */
  http: string;
  /** The `database:` section, already indented. */
  database: string;
  /** First comment lines of the file. */
  header: string;
}

const q = (s: string): string => JSON.stringify(s);

function indentBlock(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

export const PRODUCTION_HTTP = `http:
  # Public URL base from where the service is reachable, used to build absolute URLs.
  public_base: http://[::]:8080/

  # OIDC issuer advertised in discovery. Defaults to public_base.
  #issuer: https://example.com/

  # Reverse proxies trusted to set X-Forwarded-For. Defaults to the private ranges
  # 192.168.0.0/16, 172.16.0.0/12, 10.0.0.0/8, 127.0.0.0/8, fd00::/8 and ::1/128.
  #trusted_proxies: [192.168.0.0/16, 127.0.0.0/8]

  # Each listener serves a set of resources on one or more binds:
  #   discovery, human, oauth, compat, graphql, assets, adminapi, health, prometheus,
  #   connection-info. Binds are \`address\`, \`host\` + \`port\`, \`socket\` (+ \`mode\`) or
  #   \`fd\` (+ \`kind\`). Optional: \`prefix\`, \`proxy_protocol\`, \`tls\`.
  listeners:
    - name: web
      resources:
        - name: discovery
        - name: human
        - name: oauth
        - name: compat
        - name: graphql
        - name: assets
        # The admin API (/api/admin/v1) is off unless listed:
        #- name: adminapi
      binds:
        - address: "[::]:8080"
      proxy_protocol: false

    - name: internal
      resources:
        - name: health
      binds:
        - host: localhost
          port: 8081
      proxy_protocol: false
`;

export const EMBEDDED_DATABASE = `database:
  # With none of uri, host or socket set, mas-ts runs on an embedded PGlite database
  # stored in data_dir (relative to the working directory). Fine for trying things out;
  # use PostgreSQL in production.
  #data_dir: data/pglite

  # PostgreSQL, as a connection URI...
  #uri: postgresql://user:password@hostname:5432/database?sslmode=require
  # ...or as separate parameters:
  #host: hostname
  #port: 5432
  #username: user
  #password: password
  #database: database
  #ssl_mode: require

  # Connection pool (seconds for the timeouts).
  min_connections: 0
  max_connections: 10
  connect_timeout: 30
  idle_timeout: 600
  max_lifetime: 1800
`;

function secretsSection(secrets: GeneratedSecrets): string {
  const keys = secrets.keys
    .map((k) => `    - kid: ${q(k.kid)}\n      key: |\n${indentBlock(k.pem, 8)}`)
    .join('\n');
  return `secrets:
  # Encrypts cookies and database fields (client secrets). 32 bytes, hex-encoded.
  # Never change it once the service has run: encrypted data would be lost.
  # Alternatively: encryption_file: /path/to/file
  encryption: ${q(secrets.encryption)}

  # Signing keys (PEM or DER; PKCS#1, PKCS#8 optionally encrypted with password, SEC1).
  # At least one RSA key is required. Entries take key or key_file, and optionally kid and
  # password / password_file. Alternatively: keys_dir: /path/to/directory
  keys:
${keys}
`;
}

function matrixSection(secret: string): string {
  return `matrix:
  # synapse (default), synapse_modern, synapse_legacy or synapse_read_only.
  kind: synapse
  # The homeserver's server_name.
  homeserver: localhost:8008
  # Shared secret the homeserver expects (Synapse: matrix_authentication_service.secret).
  # Alternatively: secret_file (or its alias secret_path): /path/to/secret
  secret: ${q(secret)}
  # URL at which the service reaches the homeserver.
  endpoint: http://localhost:8008/
`;
}

const REST = `passwords:
  # Local password database. If disabled, users log in through upstream providers only.
  enabled: true
  # Minimum zxcvbn score (0-4).
  minimum_complexity: 3
  # The highest version hashes new passwords; the others verify existing ones.
  # Algorithms: argon2id, bcrypt (cost), pbkdf2. Optional: unicode_normalization, secret(_file).
  schemes:
    - version: 1
      algorithm: argon2id

account:
  email_change_allowed: true
  displayname_change_allowed: true
  password_registration_enabled: false
  password_registration_email_required: true
  password_change_allowed: true
  password_recovery_enabled: false
  account_deactivation_allowed: true
  login_with_email_allowed: false
  password_registration_token_required: false

email:
  from: '"Authentication Service" <root@localhost>'
  reply_to: '"Authentication Service" <root@localhost>'
  # blackhole (default, sends nothing), smtp or sendmail:
  #transport: smtp
  #mode: starttls  # plain, tls or starttls
  #hostname: smtp.example.com
  #port: 587
  #username: username
  #password: password
  transport: blackhole

# OAuth 2.0 clients provisioned from this file; client_id must be a ULID.
# Methods: none, client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt.
#clients:
#  - client_id: 0000000000000000000SYNAPSE
#    client_auth_method: client_secret_basic
#    client_secret: "SomeRandomSecret"
clients: []

templates:
  path: ./templates/
  assets_manifest: ./frontend/dist/manifest.json
  translations_path: ./translations/

policy:
  wasm_module: ./policies/policy.wasm
  # Data handed to the policies, for example:
  #   admin_users: [alice]
  #   admin_clients: [01H8PKNWKKRPCBW4YGH1RWV279]
  #   client_registration: { allow_insecure_uris: false, allow_host_mismatch: false }
  #   registration: { banned_usernames: { literals: [admin, root] } }
  data: {}

# Each limiter allows \`burst\` actions at once and \`per_second\` on average, in each
# process's memory (mas-ts: \`burst\` per window of burst/per_second seconds).
rate_limiting:
  account_recovery:
    per_ip: { burst: 3, per_second: 0.0008 }
    per_address: { burst: 3, per_second: 0.0002 }
  login:
    per_ip: { burst: 3, per_second: 0.05 }
    per_account: { burst: 1800, per_second: 0.5 }
  registration: { burst: 3, per_second: 0.0008 }
  email_authentication:
    per_ip: { burst: 5, per_second: 0.016666 }
    per_address: { burst: 3, per_second: 0.000277 }
    emails_per_session: { burst: 2, per_second: 0.003333 }
    attempt_per_session: { burst: 10, per_second: 0.016666 }
  device_code_link: { burst: 10, per_second: 0.016666 }

# Upstream OAuth 2.0 / OIDC providers (id must be a ULID), for example:
#  - id: 01HFVBY12TMNTYTBV8W921M5FA
#    issuer: https://accounts.example.com/
#    client_id: mas
#    client_secret: secret
#    token_endpoint_auth_method: client_secret_post
#    scope: "openid email profile"
upstream_oauth2:
  providers: []

# Branding: service_name, policy_uri, tos_uri (adds a mandatory checkbox at registration),
# imprint. For example:
#   service_name: Example
#   tos_uri: https://example.com/tos
branding: {}

captcha:
  # ~ (disabled), recaptcha_v2, cloudflare_turnstile or hcaptcha, with site_key and secret_key.
  service: ~

oauth:
  # RFC 8628 device authorization grant.
  device_code_grant_enabled: true
  # Advertise verification_uri_complete and pre-fill the user code on /link.
  device_code_user_code_auto_fill_enabled: false

guest_invites:
  enabled: false
  #client_room_url: "https://app.element.io/#/room/{room_id}"
  invite_lifetime: 604800

experimental:
  # Lifetimes in seconds.
  access_token_ttl: 300
  compat_token_ttl: 300
  #inactive_session_expiration:
  #  ttl: 32400
  #session_limit:
  #  soft_limit: 10
  #  hard_limit: 50

telemetry:
  tracing:
    exporter: none  # none, stdout or otlp (with endpoint)
    propagators: []  # tracecontext, baggage, jaeger
  metrics:
    exporter: none  # none, stdout, otlp or prometheus
  sentry: {}
`;

/** The whole commented YAML document. */
export function renderConfig(parts: TemplateParts): string {
  return [
    parts.header.trimEnd(),
    parts.http,
    parts.database,
    secretsSection(parts.secrets),
    matrixSection(parts.secrets.matrixSecret),
    REST,
  ].join('\n');
}
