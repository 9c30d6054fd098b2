// Throughput, latency and memory of `POST /oauth2/introspect`, the hottest path of the service
// (Synapse introspects every new access token), against a real PostgreSQL holding a realistic
// token table, with a real `mas-ts server` process on loopback and autocannon as the client.
// Run after `npm run build`:
//   node bench/introspection.mjs [live tokens=100000] [seconds=20] [connections=32]
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node bench/introspection.mjs 1000000
// It creates a fresh database (named mas_bench_<time>) on that server, seeds it, measures, and
// drops it again. Bounded: the whole run stops after TIMEOUT_S seconds.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import YAML from 'yaml';

const LIVE = Number(process.argv[2] ?? 100_000);
const SECONDS = Number(process.argv[3] ?? 20);
const CONNECTIONS = Number(process.argv[4] ?? 32);
/** Tokens the load generator presents: generated here with valid checksums, so they reach SQL. */
const KNOWN = Math.min(10_000, LIVE);
const TIMEOUT_S = 1_200;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist/src/main.js');
const { generateToken, TokenType, CryptoRng, SystemClock } = await import(
  join(root, 'dist/src/core/index.js')
);

const deadline = setTimeout(() => {
  console.error(`benchmark exceeded its time limit of ${TIMEOUT_S} s`);
  cleanup().finally(() => process.exit(2));
}, TIMEOUT_S * 1000);

const dbName = `mas_bench_${Date.now()}`;
const dbUrl = new URL(ADMIN_URL);
dbUrl.pathname = `/${dbName}`;
const dir = mkdtempSync(join(tmpdir(), 'mas-ts-bench-'));
let server;
let seeding;

async function adminQuery(sql) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function cleanup() {
  await seeding?.end().catch(() => undefined);
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((e) =>
    console.error(`could not drop ${dbName}: ${e.message}`),
  );
  rmSync(dir, { recursive: true, force: true });
}

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

function step(label, t0) {
  console.log(`${label} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** `i` as a uuid in the id space of one table (every uuid is a valid ULID). */
const idSql = (space, expr) =>
  `('${space}0000000-0000-4000-8000-' || lpad(to_hex(${expr}), 12, '0'))::uuid`;

try {
  // 1. Configuration: a generated config, the bench database, one loopback listener.
  const generated = spawnSync(process.execPath, [cli, 'config', 'generate'], { encoding: 'utf8' });
  if (generated.status !== 0) throw new Error(`config generate failed: ${generated.stderr}`);
  const secret = YAML.parse(generated.stdout).matrix.secret;
  writeFileSync(join(dir, 'base.yaml'), generated.stdout);
  writeFileSync(
    join(dir, 'bench.yaml'),
    `http:
  public_base: http://127.0.0.1/
  listeners:
    - name: web
      resources: [{ name: oauth }]
      binds: [{ host: 127.0.0.1, port: 0 }]
database:
  uri: "${dbUrl}"
`,
  );
  const configArgs = ['-c', join(dir, 'base.yaml'), '-c', join(dir, 'bench.yaml')];

  // 2. A fresh, migrated database.
  let t0 = performance.now();
  await adminQuery(`CREATE DATABASE "${dbName}"`);
  const migrated = spawnSync(process.execPath, [cli, ...configArgs, 'database', 'migrate'], {
    encoding: 'utf8',
  });
  if (migrated.status !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
  step(`created and migrated ${dbName}`, t0);

  // 3. Seed: LIVE/4 users, LIVE sessions (one device each) of one client, LIVE live access
  //    tokens and LIVE revoked ones (the rotation history a real table carries). Bulk rows are
  //    computed in SQL (sha256() of synthetic tokens nobody presents); the KNOWN presented
  //    tokens are real `mat_` tokens with valid checksums, generated here.
  t0 = performance.now();
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  seeding = db;
  db.on('error', () => undefined);
  await db.connect();
  const users = Math.max(1, Math.floor(LIVE / 4));
  await db.query('SET synchronous_commit = off');
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO oauth2_clients (oauth2_client_id, redirect_uris, grant_type_authorization_code,
       grant_type_refresh_token, token_endpoint_auth_method, is_static, contacts, created_at)
     VALUES (${idSql('4', '1')}, ARRAY['https://app.example.org/cb'], true, true, 'none', false,
       '{}', now())`,
  );
  await db.query(
    `INSERT INTO users (user_id, username, created_at)
     SELECT ${idSql('1', 'i')}, 'bench' || i, now() - interval '30 days'
     FROM generate_series(1, $1::int) AS i`,
    [users],
  );
  await db.query(
    `INSERT INTO oauth2_sessions (oauth2_session_id, oauth2_client_id, user_id, scope_list,
       created_at)
     SELECT ${idSql('2', 'i')}, ${idSql('4', '1')}, ${idSql('1', '(i % $2::int) + 1')},
       ARRAY['openid', 'urn:matrix:client:api:*',
             'urn:matrix:client:device:DEV' || lpad(i::text, 10, '0')],
       now() - interval '1 day'
     FROM generate_series(1, $1::int) AS i`,
    [LIVE, users],
  );
  await db.query(
    `INSERT INTO oauth2_access_tokens (oauth2_access_token_id, oauth2_session_id,
       access_token_sha256, created_at, expires_at, revoked_at)
     SELECT ${idSql('5', 'i')}, ${idSql('2', 'i')},
       sha256(convert_to('mat_' || lpad(i::text, 30, '0') || '_rvkd00', 'UTF8')),
       now() - interval '2 hours', now() - interval '2 hours' + interval '5 minutes',
       now() - interval '1 hour'
     FROM generate_series(1, $1::int) AS i`,
    [LIVE],
  );
  await db.query(
    `INSERT INTO oauth2_access_tokens (oauth2_access_token_id, oauth2_session_id,
       access_token_sha256, created_at, expires_at, first_used_at)
     SELECT ${idSql('3', 'i')}, ${idSql('2', 'i')},
       sha256(convert_to('mat_' || lpad(i::text, 30, '0') || '_live00', 'UTF8')),
       now(), now() + interval '1 hour', now()
     FROM generate_series($1::int, $2::int) AS i`,
    [KNOWN + 1, LIVE],
  );
  const rng = new CryptoRng(new SystemClock());
  const known = Array.from({ length: KNOWN }, () => generateToken(TokenType.AccessToken, rng));
  const hashes = known.map((t) => createHash('sha256').update(t, 'utf8').digest());
  for (let start = 0; start < KNOWN; start += 5_000) {
    const batch = hashes.slice(start, start + 5_000);
    await db.query(
      `INSERT INTO oauth2_access_tokens (oauth2_access_token_id, oauth2_session_id,
         access_token_sha256, created_at, expires_at, first_used_at)
       SELECT ${idSql('3', 'o + $2::int')}, ${idSql('2', 'o + $2::int')}, h, now(),
         now() + interval '1 hour', now()
       FROM unnest($1::bytea[]) WITH ORDINALITY AS k(h, o)`,
      [batch, start],
    );
  }
  await db.query('COMMIT');
  await db.query('ANALYZE');
  const counts = (
    await db.query(
      `SELECT (SELECT count(*) FROM users) AS users,
              (SELECT count(*) FROM oauth2_sessions) AS sessions,
              (SELECT count(*) FROM oauth2_access_tokens WHERE revoked_at IS NULL) AS live,
              (SELECT count(*) FROM oauth2_access_tokens) AS tokens,
              pg_size_pretty(pg_total_relation_size('oauth2_access_tokens')) AS token_table`,
    )
  ).rows[0];
  await db.end();
  seeding = undefined;
  step(
    `seeded ${counts.users} users, ${counts.sessions} sessions, ${counts.live} live of ` +
      `${counts.tokens} access tokens (table with indexes: ${counts.token_table})`,
    t0,
  );

  const lookupDb = new pg.Client({ connectionString: dbUrl.toString() });
  await lookupDb.connect();
  // The lookup the resolver sends (token → session → client → user), planned and timed by
  // PostgreSQL itself for 200 presented tokens: the database's share, free of HTTP noise.
  const lookup = `SELECT * FROM oauth2_access_tokens t
      JOIN oauth2_sessions s ON s.oauth2_session_id = t.oauth2_session_id
      JOIN oauth2_clients c ON c.oauth2_client_id = s.oauth2_client_id
      LEFT JOIN users u ON u.user_id = s.user_id
     WHERE t.access_token_sha256 = $1`;
  const plan = (await lookupDb.query(`EXPLAIN ${lookup}`, [hashes[0]])).rows.map(
    (r) => r['QUERY PLAN'],
  );
  const timings = [];
  for (let i = 0; i < 200; i++) {
    const hash = hashes[Math.floor(Math.random() * KNOWN)];
    const rows = (await lookupDb.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${lookup}`, [hash])).rows;
    timings.push(rows[0]['QUERY PLAN'][0]['Execution Time']);
  }
  timings.sort((a, b) => a - b);
  const sqlMedianMs = timings[100];
  console.log(`lookup plan:\n  ${plan.join('\n  ')}`);
  console.log(`lookup execution time in PostgreSQL: median ${sqlMedianMs.toFixed(3)} ms`);
  await lookupDb.end();

  // 4. The server, as in production: `mas-ts server` (no migration: done above).
  server = spawn(process.execPath, [cli, ...configArgs, 'server', '--no-migrate'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const bind = await new Promise((resolve, reject) => {
    let out = '';
    const onData = (c) => {
      out += c;
      const m = /listening on ([^),]+)/.exec(out);
      if (!m) return;
      // From here on the request log is drained unread, so it costs the load generator nothing.
      server.stderr.off('data', onData);
      server.stderr.resume();
      resolve(m[1]);
    };
    server.stderr.on('data', onData);
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  const url = `http://${bind}/oauth2/introspect`;
  const headers = {
    authorization: `Bearer ${secret}`,
    'content-type': 'application/x-www-form-urlencoded',
    'x-mas-supports-device-id': '1',
  };
  const bodyFor = (token) => `token=${token}&token_type_hint=access_token`;

  // Sanity: the presented tokens are active, an unknown one is not.
  for (const token of [known[0], known[KNOWN - 1]]) {
    const r = await (await fetch(url, { method: 'POST', headers, body: bodyFor(token) })).json();
    if (r.active !== true || r.expires_in === undefined) {
      throw new Error(`a seeded token is not active: ${JSON.stringify(r)}`);
    }
  }
  const idle = rssMiB(server.pid);

  // 5. Load: every request presents a random known token, as Synapse does (bearer secret,
  //    device-id header, access_token hint).
  let active = 0;
  let inactive = 0;
  const run = (duration) =>
    autocannon({
      url,
      method: 'POST',
      connections: CONNECTIONS,
      duration,
      headers,
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            body: bodyFor(known[Math.floor(Math.random() * KNOWN)]),
          }),
          onResponse: (status, body) => {
            if (status === 200 && body.startsWith('{"active":true')) active++;
            else inactive++;
          },
        },
      ],
    });
  await run(5); // warm-up: JIT, connection pool, PostgreSQL buffer cache
  active = 0;
  inactive = 0;
  const result = await run(SECONDS);
  const loaded = rssMiB(server.pid);

  console.log(
    `\nmas-ts ${bind}: POST /oauth2/introspect, ${counts.live} live tokens, ` +
      `${CONNECTIONS} connections, ${SECONDS} s after a 5 s warm-up`,
  );
  console.table([
    {
      'live tokens': Number(counts.live),
      'SQL ms (median)': Number(sqlMedianMs.toFixed(3)),
      requests: result.requests.total,
      'req/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      'max ms': result.latency.max,
      'non-2xx': result.non2xx,
      errors: result.errors + result.timeouts,
    },
  ]);
  console.log(`answers: ${active} active, ${inactive} not active (expected 0)`);
  console.log(`server RSS: idle ${idle.toFixed(0)} MiB, after load ${loaded.toFixed(0)} MiB`);
  if (inactive > 0 || result.non2xx > 0) process.exitCode = 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  clearTimeout(deadline);
  await cleanup();
}
