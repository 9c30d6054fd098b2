#!/usr/bin/env node
// Creates the secrets of the docker-compose deployment, each only when it is absent, so running
// it again never changes anything (docs/deployment.md "Secrets"). Dependency-free on purpose: it
// runs from the mas-ts image before the service starts, and from the tests on a temporary folder.
//
//   node init-secrets.mjs [DIR]      DIR defaults to /data/secrets
//
//   DIR/encryption          32 random bytes, hex            mas-ts `secrets.encryption_file`
//   DIR/keys/rsa.pem        RSA 2048, PKCS#8 PEM            mas-ts `secrets.keys_dir`
//   DIR/keys/ec-p256.pem    EC P-256, PKCS#8 PEM
//   DIR/keys/ec-p384.pem    EC P-384, PKCS#8 PEM
//   DIR/matrix-secret       32 random bytes, hex            mas-ts `matrix.secret_file` and
//                                                           Synapse `secret_path`
//
// Ownership (applied only when running as root, as the compose `mas-init` service does):
// everything belongs to mas-ts (MAS_UID:MAS_GID, default 1000:1000, the image's `node` user) with
// mode 0600, the keys folder 0700. The matrix secret is the one file two services read: it is
// MAS_UID:SYNAPSE_GID (default 991, the group the Synapse image runs as) with mode 0640, readable
// by its owner and by Synapse's group, never by others. When SYNAPSE_DATA_DIR is set, that
// folder (Synapse's fresh, root-owned data volume) is handed to SYNAPSE_UID:SYNAPSE_GID so that
// Synapse can write its signing key and database there.
//
// Not running as root, nothing changes owner: modes are the same, and Synapse can read the
// matrix secret only if it runs with the group of this process.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  linkSync,
  mkdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

const FILE_MODE = 0o600;
const SHARED_FILE_MODE = 0o640;
const KEYS_DIR_MODE = 0o700;
const DIR_MODE = 0o755;

function idFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw))
    throw new Error(`${name} must be a numeric id, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

const dir = resolve(process.argv[2] ?? '/data/secrets');
const masUid = idFromEnv('MAS_UID', 1000);
const masGid = idFromEnv('MAS_GID', 1000);
const synapseUid = idFromEnv('SYNAPSE_UID', 991);
const synapseGid = idFromEnv('SYNAPSE_GID', 991);
const synapseDataDir = process.env.SYNAPSE_DATA_DIR;
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const log = (message) => process.stdout.write(`init-secrets: ${message}\n`);

function own(path, uid, gid) {
  if (asRoot) chownSync(path, uid, gid);
}

function ensureDir(path, mode, uid, gid) {
  if (existsSync(path)) return;
  mkdirSync(path, { recursive: true, mode });
  chmodSync(path, mode);
  own(path, uid, gid);
  log(`created ${path}/`);
}

/**
 * Writes `content()` to `path` unless it exists. The file is written under a hidden temporary
 * name (mas-ts ignores hidden files in `keys_dir`), given its mode and owner, then linked into
 * place, which fails rather than replacing a file another run created meanwhile.
 */
function ensureFile(path, content, { mode, uid, gid }) {
  if (existsSync(path)) {
    log(`kept ${path}`);
    return;
  }
  const slash = path.lastIndexOf('/');
  const tmp = `${path.slice(0, slash + 1)}.${path.slice(slash + 1)}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, content(), { mode, flag: 'wx' });
    chmodSync(tmp, mode);
    own(tmp, uid, gid);
    linkSync(tmp, path);
    log(`created ${path}`);
  } catch (error) {
    if (error.code !== 'EEXIST' || !existsSync(path)) throw error;
    log(`kept ${path}`);
  } finally {
    if (existsSync(tmp)) unlinkSync(tmp);
  }
}

function pkcs8(type, options) {
  return generateKeyPairSync(type, options)
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
}

const randomHex = () => randomBytes(32).toString('hex');

function main() {
  ensureDir(dir, DIR_MODE, 0, 0);
  const keysDir = join(dir, 'keys');
  ensureDir(keysDir, KEYS_DIR_MODE, masUid, masGid);

  const masOnly = { mode: FILE_MODE, uid: masUid, gid: masGid };
  ensureFile(join(dir, 'encryption'), randomHex, masOnly);
  ensureFile(join(keysDir, 'rsa.pem'), () => pkcs8('rsa', { modulusLength: 2048 }), masOnly);
  ensureFile(
    join(keysDir, 'ec-p256.pem'),
    () => pkcs8('ec', { namedCurve: 'prime256v1' }),
    masOnly,
  );
  ensureFile(join(keysDir, 'ec-p384.pem'), () => pkcs8('ec', { namedCurve: 'secp384r1' }), masOnly);
  ensureFile(join(dir, 'matrix-secret'), randomHex, {
    mode: SHARED_FILE_MODE,
    uid: masUid,
    gid: synapseGid,
  });

  if (synapseDataDir) {
    mkdirSync(synapseDataDir, { recursive: true });
    const st = statSync(synapseDataDir);
    if (asRoot && (st.uid !== synapseUid || st.gid !== synapseGid)) {
      chownSync(synapseDataDir, synapseUid, synapseGid);
      log(`gave ${synapseDataDir} to ${synapseUid}:${synapseGid}`);
    }
  }
  if (!asRoot) {
    log('not running as root: owners left unchanged (see the header of this script)');
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`init-secrets: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
}
