// Structural checks of the container deployment files. CI has no Docker engine, so the
// Dockerfile, docker-compose.yml, the Synapse config and the secrets bootstrap are checked by
// construction here: compose references, image layout, delegation settings, and a real run of
// config/docker/init-secrets.mjs whose output config/docker.yaml must load.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { loadConfigFiles } from '../../src/config';
import { Keystore } from '../../src/core';

/** The repository root: the nearest folder above this file holding docker-compose.yml. */
function findRepoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'docker-compose.yml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

const ROOT = findRepoRoot();
const repoPath = (...parts: string[]): string => resolve(ROOT, ...parts);
const readRepo = (...parts: string[]): string => readFileSync(repoPath(...parts), 'utf8');
const INIT_SCRIPT = repoPath('config/docker/init-secrets.mjs');

type Yaml = Record<string, unknown>;
const asRecord = (v: unknown): Yaml => (v && typeof v === 'object' ? (v as Yaml) : {});

// ---------------------------------------------------------------------------------------------
// docker-compose.yml helpers

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string[] | string;
  entrypoint?: string[] | string;
  user?: string;
  restart?: string;
  environment?: Record<string, string> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { type?: string; source?: string; target: string; read_only?: boolean })[];
  ports?: (string | { host_ip?: string; published?: string | number; target: number })[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
}

interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

interface Mount {
  kind: 'volume' | 'bind';
  source: string;
  target: string;
  readOnly: boolean;
}

function loadCompose(): Compose {
  return parse(readRepo('docker-compose.yml')) as Compose;
}

function mountsOf(service: ComposeService): Mount[] {
  return (service.volumes ?? []).map((v) => {
    if (typeof v !== 'string') {
      const source = v.source ?? '';
      return {
        kind: v.type === 'bind' ? 'bind' : 'volume',
        source,
        target: v.target,
        readOnly: v.read_only === true,
      };
    }
    const [source, target, mode] = v.split(':');
    const kind = /^[./~]/.test(source) ? 'bind' : 'volume';
    return { kind, source, target, readOnly: (mode ?? '').split(',').includes('ro') };
  });
}

/** The mount holding `containerPath` in `service` (the deepest, as Docker resolves them). */
function mountFor(service: ComposeService, containerPath: string): Mount | undefined {
  return mountsOf(service)
    .filter((m) => containerPath === m.target || containerPath.startsWith(`${m.target}/`))
    .sort((a, b) => b.target.length - a.target.length)[0];
}

function dependsOn(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([name, d]) => [name, d?.condition ?? 'service_started']),
  );
}

interface PublishedPort {
  hostIp: string;
  published: string;
  target: string;
}

function portsOf(service: ComposeService): PublishedPort[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p !== 'string') {
      return {
        hostIp: p.host_ip ?? '',
        published: String(p.published ?? ''),
        target: String(p.target),
      };
    }
    const spec = p.replace(/\/(tcp|udp)$/, '');
    const v6 = /^\[([^\]]+)\]:([^:]*):(.+)$/.exec(spec);
    if (v6) return { hostIp: v6[1], published: v6[2], target: v6[3] };
    const parts = spec.split(':');
    if (parts.length === 3) return { hostIp: parts[0], published: parts[1], target: parts[2] };
    if (parts.length === 2) return { hostIp: '', published: parts[0], target: parts[1] };
    return { hostIp: '', published: '', target: parts[0] };
  });
}

function argv(value: string[] | string | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : value.split(/\s+/).filter(Boolean);
}

function envOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(env.map((e) => [e.split('=')[0], e.split('=').slice(1).join('=')]));
}

// ---------------------------------------------------------------------------------------------
// Dockerfile helpers

interface Instruction {
  op: string;
  args: string;
}

interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Instructions of the Dockerfile, continuation lines joined, comments dropped. */
function parseDockerfile(text: string): { globalArgs: Record<string, string>; stages: Stage[] } {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = '';
  }
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of logical.filter(Boolean)) {
    const m = /^(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const op = m[1].toUpperCase();
    const args = m[2];
    if (op === 'FROM') {
      const from = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      assert.ok(from, `unparsable FROM line: ${line}`);
      stages.push({ from: substitute(from[1], globalArgs), name: from[2], instructions: [] });
    } else if (stages.length === 0 && op === 'ARG') {
      const [name, value = ''] = args.split('=');
      globalArgs[name.trim()] = value.trim();
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ op, args });
    }
  }
  return { globalArgs, stages };
}

function substitute(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string, b: string) => vars[a ?? b] ?? '');
}

function jsonForm(args: string): unknown {
  return JSON.parse(args.replace(/^\S*\s*(?=\[)/, '')) as unknown;
}

function loadDockerfile() {
  return parseDockerfile(readRepo('Dockerfile'));
}

function finalStage(): Stage {
  const { stages } = loadDockerfile();
  return stages[stages.length - 1];
}

/** `COPY` arguments without flags: sources then destination. */
function copyOperands(args: string): { from?: string; paths: string[] } {
  const words = args.split(/\s+/).filter(Boolean);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  return { from, paths: words.filter((w) => !w.startsWith('--')) };
}

/**
 * The repository file that ends up at `imagePath` in the runtime image through a `COPY` of the
 * build context in the final stage, or undefined.
 */
function repoFileAtImagePath(imagePath: string): string | undefined {
  let workdir = '/';
  let found: string | undefined;
  for (const { op, args } of finalStage().instructions) {
    if (op === 'WORKDIR') workdir = posix.resolve(workdir, args.trim());
    if (op !== 'COPY' && op !== 'ADD') continue;
    const { from, paths } = copyOperands(args);
    if (from !== undefined || paths.length < 2) continue;
    const dest = paths[paths.length - 1];
    for (const source of paths.slice(0, -1)) {
      const sourcePath = repoPath(source);
      const isDir = existsSync(sourcePath) && statSync(sourcePath).isDirectory();
      const destDir = posix.resolve(workdir, dest);
      const target =
        !isDir && (dest.endsWith('/') || dest === '.')
          ? posix.join(destDir, basename(source))
          : destDir;
      if (imagePath === target) found = source;
      else if (isDir && imagePath.startsWith(`${target}/`)) {
        found = posix.join(source, imagePath.slice(target.length + 1));
      }
    }
  }
  return found;
}

/** Whether .dockerignore keeps `relative` (or a folder above it) out of the build context. */
function dockerIgnored(relative: string): boolean {
  const patterns = readRepo('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const parts = posix.normalize(relative).split('/');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const raw of patterns) {
    const negate = raw.startsWith('!');
    const pattern = posix.normalize(raw.replace(/^!/, '').replace(/^\/+/, ''));
    const re = new RegExp(
      `^${pattern
        .split('**')
        .map((s) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
        .join('.*')
        .replace(/\?/g, '[^/]')}$`,
    );
    if (candidates.some((c) => re.test(c))) ignored = !negate;
  }
  return ignored;
}

// ---------------------------------------------------------------------------------------------
// secrets bootstrap helpers

const workDirs: string[] = [];
after(() => {
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
});

function runInit(dir: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [INIT_SCRIPT, dir], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
}

interface Generated {
  root: string;
  secrets: string;
  synapseData: string;
}

let generated: Generated | undefined;
/** Runs the bootstrap once into a fresh temporary folder and returns where it wrote. */
function generatedSecrets(): Generated {
  if (generated) return generated;
  const root = mkdtempSync(join(tmpdir(), 'mas-deploy-'));
  workDirs.push(root);
  const secrets = join(root, 'secrets');
  const synapseData = join(root, 'synapse-data');
  const run = runInit(secrets, { SYNAPSE_DATA_DIR: synapseData });
  assert.equal(run.status, 0, `init-secrets failed: ${run.stderr}`);
  generated = { root, secrets, synapseData };
  return generated;
}

const SECRET_FILES = [
  'encryption',
  'keys/rsa.pem',
  'keys/ec-p256.pem',
  'keys/ec-p384.pem',
  'matrix-secret',
];

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string): void => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      const st = statSync(join(dir, rel));
      if (st.isDirectory()) walk(rel);
      else {
        const content = readFileSync(join(dir, rel), 'base64');
        out[rel] =
          `${st.mode.toString(8)} ${st.uid}:${st.gid} ${st.mtimeMs} ${st.ctimeMs} ${st.ino} ${content}`;
      }
    }
  };
  walk('');
  return out;
}

const modeOf = (path: string): number => statSync(path).mode & 0o777;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const FORBIDDEN_WITH_DELEGATION = [
  'enable_registration',
  'enable_registration_captcha',
  'oidc_providers',
  'oidc_config',
  'saml2_config',
  'cas_config',
  'jwt_config',
  'password_providers',
  'login_via_existing_session',
  'user_consent',
  'refresh_token_lifetime',
  'nonrefreshable_access_token_lifetime',
  'session_lifetime',
  'enable_3pid_changes',
];

// ---------------------------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  const compose = loadCompose();
  const services = compose.services ?? {};
  const service = (name: string): ComposeService => {
    const s = services[name];
    assert.ok(s, `service ${name} is missing`);
    return s;
  };

  it('should define the postgres, mas-init, mas and synapse services', () => {
    assert.deepEqual(Object.keys(services).sort(), ['mas', 'mas-init', 'postgres', 'synapse']);
  });

  it('should only depend on existing services with a valid condition', () => {
    const conditions = ['service_started', 'service_healthy', 'service_completed_successfully'];
    for (const [name, s] of Object.entries(services)) {
      for (const [dep, condition] of Object.entries(dependsOn(s))) {
        assert.ok(dep in services, `${name} depends on unknown service ${dep}`);
        assert.notEqual(dep, name, `${name} depends on itself`);
        assert.ok(conditions.includes(condition), `${name} → ${dep}: bad condition ${condition}`);
      }
    }
    assert.deepEqual(dependsOn(service('mas')), {
      postgres: 'service_healthy',
      'mas-init': 'service_completed_successfully',
    });
    assert.deepEqual(dependsOn(service('synapse')), { mas: 'service_healthy' });
  });

  it('should give every service others wait on as healthy a healthcheck', () => {
    const dockerfileHasHealthcheck = finalStage().instructions.some(
      (i) => i.op === 'HEALTHCHECK' && !/^NONE\b/i.test(i.args),
    );
    for (const s of Object.values(services)) {
      for (const [dep, condition] of Object.entries(dependsOn(s))) {
        if (condition !== 'service_healthy') continue;
        const target = service(dep);
        const inCompose = target.healthcheck !== undefined && target.healthcheck.disable !== true;
        const fromOurImage = target.build !== undefined && dockerfileHasHealthcheck;
        assert.ok(inCompose || fromOurImage, `${dep} has no healthcheck`);
      }
    }
    assert.match(JSON.stringify(service('postgres').healthcheck?.test), /pg_isready/);
  });

  it('should declare every named volume it uses, and use every one it declares', () => {
    const declared = Object.keys(compose.volumes ?? {}).sort();
    const used = new Set<string>();
    for (const [name, s] of Object.entries(services)) {
      for (const m of mountsOf(s)) {
        assert.ok(m.target.startsWith('/'), `${name}: mount target ${m.target} is not absolute`);
        if (m.kind !== 'volume') continue;
        assert.ok(declared.includes(m.source), `${name} uses undeclared volume ${m.source}`);
        used.add(m.source);
      }
    }
    assert.deepEqual([...used].sort(), declared);
  });

  it('should mount only host paths that exist in the repository, and build from it', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const m of mountsOf(s).filter((x) => x.kind === 'bind')) {
        assert.ok(existsSync(repoPath(m.source)), `${name} mounts missing ${m.source}`);
        assert.ok(m.readOnly, `${name} should mount ${m.source} read-only`);
      }
      if (s.build !== undefined) {
        const context = typeof s.build === 'string' ? s.build : (s.build.context ?? '.');
        const dockerfile = typeof s.build === 'string' ? 'Dockerfile' : s.build.dockerfile;
        assert.ok(existsSync(repoPath(context, dockerfile ?? 'Dockerfile')), `${name}: build`);
      }
    }
  });

  it('should run mas from the image it builds, with config files the image contains', () => {
    const mas = service('mas');
    assert.equal(typeof mas.build === 'string' ? mas.build : mas.build?.context, '.');
    const args = argv(mas.command);
    assert.equal(args[args.length - 1], 'server');
    const configs = args.flatMap((a, i) => (a === '-c' || a === '--config' ? [args[i + 1]] : []));
    assert.ok(configs.length > 0, 'mas is started without -c');
    for (const imagePath of configs) {
      const file = repoFileAtImagePath(imagePath);
      assert.ok(file, `${imagePath} is not copied into the image`);
      assert.ok(existsSync(repoPath(file)), `${file} does not exist`);
      assert.ok(!dockerIgnored(file), `${file} is excluded by .dockerignore`);
    }
  });

  it('should bootstrap secrets once with the script the mas image contains', () => {
    const init = service('mas-init');
    assert.equal(init.image, service('mas').image, 'mas-init must use the mas image');
    assert.equal(init.restart, 'no');
    assert.equal(init.user, '0:0', 'mas-init must run as root to set owners');
    const [node, script, ...rest] = argv(init.entrypoint);
    assert.equal(node, 'node');
    const file = repoFileAtImagePath(script);
    assert.equal(file && repoPath(file), INIT_SCRIPT);
    assert.ok(!dockerIgnored('config/docker/init-secrets.mjs'));
    const [dir] = [...rest, ...argv(init.command)];
    const mount = mountFor(init, dir);
    assert.ok(mount && mount.kind === 'volume' && !mount.readOnly, 'secrets dir not a rw volume');
    assert.equal(mount.source, 'secrets');
    const synapseData = mountFor(init, envOf(init).SYNAPSE_DATA_DIR);
    assert.equal(synapseData?.source, mountFor(service('synapse'), '/data')?.source);
  });

  it('should mount the secrets read-only where mas-ts and Synapse read them', () => {
    const masConfig = parse(readRepo('config/docker.yaml')) as Yaml;
    const homeserver = parse(readRepo('config/docker/homeserver.yaml')) as Yaml;
    const secretOf = (s: ComposeService, path: string) => {
      const m = mountFor(s, path);
      assert.ok(m && m.kind === 'volume' && m.readOnly, `${path} is not on a read-only volume`);
      return { volume: m.source, file: path.slice(m.target.length) };
    };
    const masSecret = secretOf(service('mas'), String(asRecord(masConfig.matrix).secret_file));
    const synapseSecret = secretOf(
      service('synapse'),
      String(asRecord(homeserver.matrix_authentication_service).secret_path),
    );
    assert.deepEqual(synapseSecret, masSecret);
    const secrets = asRecord(masConfig.secrets);
    secretOf(service('mas'), String(secrets.encryption_file));
    secretOf(service('mas'), String(secrets.keys_dir));
  });

  it('should point the services at each other by their compose names', () => {
    const masConfig = parse(readRepo('config/docker.yaml')) as Yaml;
    const homeserver = parse(readRepo('config/docker/homeserver.yaml')) as Yaml;
    const db = new URL(String(asRecord(masConfig.database).uri));
    const pgEnv = envOf(service('postgres'));
    assert.equal(db.hostname, 'postgres');
    assert.deepEqual(
      [db.username, db.password, db.pathname.slice(1)],
      [pgEnv.POSTGRES_USER, pgEnv.POSTGRES_PASSWORD, pgEnv.POSTGRES_DB],
    );
    const synapseUrl = new URL(String(asRecord(masConfig.matrix).endpoint));
    assert.equal(synapseUrl.hostname, 'synapse');
    const listener = asRecord((homeserver.listeners as Yaml[] | undefined)?.[0]);
    assert.equal(synapseUrl.port, String(listener.port));
    const masUrl = new URL(String(asRecord(homeserver.matrix_authentication_service).endpoint));
    assert.equal(masUrl.hostname, 'mas');
    const listeners = asRecord(masConfig.http).listeners as Yaml[];
    const web = listeners.find((l) => l.name === 'web');
    const binds = (web?.binds as Yaml[] | undefined) ?? [];
    assert.ok(binds.some((b) => String(b.address).endsWith(`:${masUrl.port}`)));
    assert.equal(asRecord(masConfig.matrix).homeserver, homeserver.server_name);
  });

  it('should publish no postgres port, and the others only on 127.0.0.1', () => {
    assert.deepEqual(portsOf(service('postgres')), []);
    for (const [name, s] of Object.entries(services)) {
      for (const p of portsOf(s)) {
        assert.equal(p.hostIp, '127.0.0.1', `${name} publishes ${p.target} beyond loopback`);
      }
    }
    assert.deepEqual(
      portsOf(service('mas')).map((p) => p.target),
      ['8080', '8081'],
    );
    assert.equal(service('postgres').image, 'postgres:16');
    const pgEnv = envOf(service('postgres'));
    assert.deepEqual(
      [pgEnv.POSTGRES_DB, pgEnv.POSTGRES_USER, pgEnv.POSTGRES_PASSWORD],
      ['mas', 'mas', 'mas'],
    );
  });

  it('should run a pinned Synapse on the mounted homeserver.yaml', () => {
    const synapse = service('synapse');
    assert.match(synapse.image ?? '', /^matrixdotorg\/synapse:v\d+\.\d+\.\d+$/);
    const configPath = envOf(synapse).SYNAPSE_CONFIG_PATH;
    const mount = mountFor(synapse, configPath);
    assert.ok(mount && mount.kind === 'bind' && mount.target === configPath);
    assert.equal(repoPath(mount.source), repoPath('config/docker/homeserver.yaml'));
    const data = mountFor(synapse, '/data/homeserver.db');
    assert.ok(data && data.kind === 'volume' && !data.readOnly, 'Synapse /data is not a volume');
  });
});

describe('config/docker/init-secrets.mjs', () => {
  it('should create the encryption key, the signing keys and the shared secret', () => {
    const { secrets } = generatedSecrets();
    assert.match(readFileSync(join(secrets, 'encryption'), 'utf8'), /^[0-9a-f]{64}$/);
    assert.match(readFileSync(join(secrets, 'matrix-secret'), 'utf8'), /^[0-9a-f]{64}$/);
    const key = (name: string) => {
      const pem = readFileSync(join(secrets, 'keys', name), 'utf8');
      assert.match(pem, /^-----BEGIN PRIVATE KEY-----\n/, `${name} is not PKCS#8 PEM`);
      return createPrivateKey(pem);
    };
    const rsa = key('rsa.pem');
    assert.equal(rsa.asymmetricKeyType, 'rsa');
    assert.equal(rsa.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(key('ec-p256.pem').asymmetricKeyDetails?.namedCurve, 'prime256v1');
    assert.equal(key('ec-p384.pem').asymmetricKeyDetails?.namedCurve, 'secp384r1');
    assert.deepEqual(readdirSync(join(secrets, 'keys')).sort(), [
      'ec-p256.pem',
      'ec-p384.pem',
      'rsa.pem',
    ]);
  });

  it('should keep private files 0600 and let only Synapse’s group read the shared secret', () => {
    const { secrets } = generatedSecrets();
    for (const file of SECRET_FILES.filter((f) => f !== 'matrix-secret')) {
      assert.equal(modeOf(join(secrets, file)).toString(8), '600', file);
    }
    assert.equal(modeOf(join(secrets, 'matrix-secret')).toString(8), '640');
    assert.equal(modeOf(join(secrets, 'keys')).toString(8), '700');
  });

  it('should give the files to mas-ts and the shared secret’s group to Synapse when root', (t) => {
    if (!isRoot) {
      t.skip('owners change only when the script runs as root');
      return;
    }
    const { secrets, synapseData } = generatedSecrets();
    for (const file of [...SECRET_FILES.filter((f) => f !== 'matrix-secret'), 'keys']) {
      const st = statSync(join(secrets, file));
      assert.deepEqual([st.uid, st.gid], [1000, 1000], file);
    }
    const shared = statSync(join(secrets, 'matrix-secret'));
    assert.deepEqual([shared.uid, shared.gid], [1000, 991]);
    const data = statSync(synapseData);
    assert.deepEqual([data.uid, data.gid], [991, 991]);
  });

  it('should change nothing when run again', () => {
    const { secrets, synapseData } = generatedSecrets();
    const before = snapshot(secrets);
    assert.deepEqual(Object.keys(before).sort(), [...SECRET_FILES].sort());
    const again = runInit(secrets, { SYNAPSE_DATA_DIR: synapseData });
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(snapshot(secrets), before);
  });

  it('should recreate only a file that was removed', () => {
    const root = mkdtempSync(join(tmpdir(), 'mas-deploy-'));
    workDirs.push(root);
    assert.equal(runInit(root).status, 0);
    const before = snapshot(root);
    unlinkSync(join(root, 'keys/ec-p384.pem'));
    const rerun = runInit(root);
    assert.equal(rerun.status, 0, rerun.stderr);
    const after = snapshot(root);
    assert.notEqual(after['keys/ec-p384.pem'], before['keys/ec-p384.pem']);
    delete before['keys/ec-p384.pem'];
    delete after['keys/ec-p384.pem'];
    assert.deepEqual(after, before);
  });

  it('should refuse an owner id that is not a number', () => {
    const root = mkdtempSync(join(tmpdir(), 'mas-deploy-'));
    workDirs.push(root);
    const run = runInit(join(root, 's'), { MAS_UID: 'node' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /MAS_UID must be a numeric id/);
  });
});

describe('config/docker.yaml with bootstrapped secrets', () => {
  async function loadWithGeneratedSecrets() {
    const { root, secrets } = generatedSecrets();
    const original = readRepo('config/docker.yaml');
    assert.ok(original.includes('/data/secrets/'), 'config/docker.yaml no longer uses /data');
    const rewritten = original.replaceAll('/data/secrets', secrets);
    assert.ok(!/\/data\/secrets/.test(rewritten.replaceAll(secrets, '')));
    const file = join(root, 'docker.yaml');
    writeFileSync(file, rewritten);
    return { secrets, loaded: await loadConfigFiles([file]) };
  }

  it('should load without problems or warnings', async () => {
    const { secrets, loaded } = await loadWithGeneratedSecrets();
    assert.deepEqual(loaded.warnings, []);
    const { config } = loaded;
    assert.equal(
      config.secrets.encryptionKey().toString('hex'),
      readFileSync(join(secrets, 'encryption'), 'utf8'),
    );
    assert.equal(
      config.matrix.sharedSecret(),
      readFileSync(join(secrets, 'matrix-secret'), 'utf8'),
    );
  });

  it('should build a keystore from the generated keys', async () => {
    const { config } = (await loadWithGeneratedSecrets()).loaded;
    const keystore = Keystore.load(config.secrets.keyEntries());
    const jwks = keystore.publicJwks().keys;
    assert.deepEqual(jwks.map((k) => `${k.kty}${k.crv ? ` ${k.crv}` : ''}`).sort(), [
      'EC P-256',
      'EC P-384',
      'RSA',
    ]);
    const algs = keystore.signingAlgorithms();
    for (const alg of ['RS256', 'ES256', 'ES384']) assert.ok(algs.includes(alg), alg);
    const jwt = await keystore.signJwt({ sub: 'deploy-check' });
    assert.equal((await keystore.verifyJwt(jwt)).payload.sub, 'deploy-check');
  });
});

describe('config/docker/homeserver.yaml', () => {
  const homeserver = parse(readRepo('config/docker/homeserver.yaml')) as Yaml;

  it('should delegate authentication to mas-ts with the shared secret file', () => {
    assert.deepEqual(homeserver.matrix_authentication_service, {
      enabled: true,
      endpoint: 'http://mas:8080/',
      secret_path: '/data/secrets/matrix-secret',
    });
    assert.equal(homeserver.server_name, 'localhost');
    assert.equal(homeserver.public_baseurl, 'http://localhost:8008/');
  });

  it('should set none of the settings Synapse refuses with delegation', () => {
    for (const key of FORBIDDEN_WITH_DELEGATION) {
      assert.ok(!(key in homeserver), `${key} must not be set`);
    }
    assert.notEqual(asRecord(homeserver.password_config).enabled, true);
    assert.ok(!('enabled' in asRecord(homeserver.password_config)), 'password_config.enabled');
    const msc3861 = asRecord(homeserver.experimental_features).msc3861;
    assert.ok(msc3861 === undefined || Object.keys(asRecord(msc3861)).length === 0, 'msc3861');
  });

  it('should serve the client API on 8008 and keep its state in /data', () => {
    const listeners = homeserver.listeners as Yaml[];
    assert.equal(listeners.length, 1);
    const [listener] = listeners;
    assert.equal(listener.port, 8008);
    assert.equal(listener.type, 'http');
    assert.equal(listener.x_forwarded, true);
    const names = (listener.resources as Yaml[]).flatMap((r) => r.names as string[]);
    assert.ok(names.includes('client'));
    const db = asRecord(homeserver.database);
    assert.equal(db.name, 'sqlite3');
    for (const path of [
      String(asRecord(db.args).database),
      String(homeserver.media_store_path),
      String(homeserver.signing_key_path),
    ]) {
      assert.ok(path.startsWith('/data/') && !path.startsWith('/data/secrets/'), path);
    }
    assert.equal(homeserver.report_stats, false);
    assert.deepEqual(homeserver.trusted_key_servers, []);
  });
});

describe('Dockerfile', () => {
  const { stages } = loadDockerfile();
  const last = stages[stages.length - 1];
  const ops = (op: string): string[] =>
    last.instructions.filter((i) => i.op === op).map((i) => i.args);

  it('should build in named stages and run from a separate one', () => {
    const named = stages.filter((s) => s.name !== undefined);
    assert.ok(named.length >= 2, 'expected at least two FROM ... AS stages');
    assert.ok(
      last.instructions.every((i) => i.op !== 'RUN' || !/npm (ci|install)\b/.test(i.args)),
      'the runtime stage must not install packages',
    );
    const allRuns = stages.flatMap((s) => s.instructions.filter((i) => i.op === 'RUN'));
    assert.ok(allRuns.some((i) => /npm run build/.test(i.args)));
    assert.ok(allRuns.some((i) => /npm (ci --omit=dev|prune --omit=dev)/.test(i.args)));
  });

  it('should use a Node LTS of at least 22 in every stage', () => {
    for (const s of stages) {
      const m = /^node:(\d+)-bookworm-slim$/.exec(s.from);
      assert.ok(m, `unexpected base image ${s.from}`);
      assert.ok(Number(m[1]) >= 22 && Number(m[1]) % 2 === 0, s.from);
    }
  });

  it('should copy only the build output, production modules, package.json and config', () => {
    const sources = ops('COPY').flatMap((args) => {
      const { from, paths } = copyOperands(args);
      return paths.slice(0, -1).map((p) => `${from ?? 'context'}:${posix.normalize(p)}`);
    });
    const prodDeps = stages.find((s) =>
      s.instructions.some((i) => i.op === 'RUN' && /npm ci --omit=dev/.test(i.args)),
    );
    const build = stages.find((s) =>
      s.instructions.some((i) => i.op === 'RUN' && /npm run build/.test(i.args)),
    );
    assert.ok(prodDeps?.name && build?.name);
    assert.deepEqual(
      sources.sort(),
      [
        `${build.name}:/src/dist`,
        `${prodDeps.name}:/src/node_modules`,
        'context:config',
        'context:package.json',
      ].sort(),
    );
  });

  it('should run as a non-root user', () => {
    const users = ops('USER');
    assert.ok(users.length > 0, 'no USER in the runtime stage');
    const user = users[users.length - 1].split(':')[0];
    assert.ok(!['root', '0', ''].includes(user), `runs as ${user}`);
    assert.equal(user, 'node');
  });

  it('should check health through the internal listener with node', () => {
    const [check] = ops('HEALTHCHECK');
    assert.ok(check, 'no HEALTHCHECK');
    const cmd = jsonForm(check.slice(check.indexOf('CMD'))) as string[];
    assert.equal(cmd[0], 'node');
    assert.match(cmd.join(' '), /fetch\('http:\/\/127\.0\.0\.1:8081\/health'/);
  });

  it('should start the CLI server with production settings', () => {
    assert.deepEqual(jsonForm(ops('ENTRYPOINT')[0]), ['node', '/app/dist/src/main.js']);
    assert.deepEqual(jsonForm(ops('CMD')[0]), ['server']);
    assert.deepEqual(ops('EXPOSE'), ['8080 8081']);
    assert.deepEqual(ops('WORKDIR'), ['/app']);
    assert.ok(ops('ENV').some((e) => /^NODE_ENV=production$/.test(e)));
  });

  it('should keep local state and build output out of the build context', () => {
    for (const path of ['node_modules', 'dist', 'data', '.git', 'config/dev.yaml', 'coverage']) {
      assert.ok(dockerIgnored(path), `${path} is not in .dockerignore`);
    }
    for (const path of ['src/main.ts', 'package-lock.json', 'config/docker.yaml', 'migrations']) {
      assert.ok(!dockerIgnored(path), `${path} must stay in the build context`);
    }
  });
});
