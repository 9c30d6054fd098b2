// Throughput, latency and memory of the always-on endpoints (discovery, JWKS, health) of a
// real `mas-ts server` process on loopback. Bounded: N requests per endpoint, at most
// TIMEOUT_S seconds overall. Run after `npm run build`:
//   node bench/http-basics.mjs [requests=5000] [concurrency=32]
// With BENCH_DATABASE_URI=postgresql://… it runs on that (migrated on start) database instead
// of a fresh embedded PGlite.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const REQUESTS = Number(process.argv[2] ?? 5000);
const CONCURRENCY = Number(process.argv[3] ?? 32);
const TIMEOUT_S = 300;
const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist/src/main.js');

const dir = mkdtempSync(join(tmpdir(), 'mas-ts-bench-'));
const generated = spawnSync(process.execPath, [cli, 'config', 'generate'], { encoding: 'utf8' });
writeFileSync(join(dir, 'base.yaml'), generated.stdout);
writeFileSync(
  join(dir, 'bench.yaml'),
  `http:
  public_base: http://127.0.0.1/
  listeners:
    - name: web
      resources: [{ name: discovery }, { name: oauth }, { name: health }]
      binds: [{ host: 127.0.0.1, port: 0 }]
database:
${process.env.BENCH_DATABASE_URI ? `  uri: "${process.env.BENCH_DATABASE_URI}"` : `  data_dir: ${join(dir, 'pglite')}`}
`,
);

const server = spawn(
  process.execPath,
  [cli, '-c', join(dir, 'base.yaml'), '-c', join(dir, 'bench.yaml'), 'server'],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
const deadline = setTimeout(() => {
  console.error('benchmark exceeded its time limit');
  server.kill('SIGKILL');
  process.exit(2);
}, TIMEOUT_S * 1000);

const bind = await new Promise((resolve, reject) => {
  let out = '';
  server.stderr.on('data', (c) => {
    out += c;
    const m = /listening on ([^),]+)/.exec(out);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
});

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

async function run(path) {
  const url = `http://${bind}${path}`;
  const latencies = [];
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      next++;
      const t0 = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      latencies.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return {
    path,
    'req/s': Math.round(latencies.length / seconds),
    'p50 ms': pct(0.5).toFixed(2),
    'p99 ms': pct(0.99).toFixed(2),
  };
}

const rows = [];
try {
  const idle = rssMiB(server.pid);
  // Warm-up so JIT and connection setup do not count.
  for (const p of ['/.well-known/openid-configuration', '/oauth2/keys.json', '/health']) {
    for (let i = 0; i < 200; i++) await (await fetch(`http://${bind}${p}`)).arrayBuffer();
  }
  for (const p of ['/.well-known/openid-configuration', '/oauth2/keys.json', '/health']) {
    rows.push(await run(p));
  }
  console.log(`mas-ts ${bind}, ${REQUESTS} requests per endpoint, concurrency ${CONCURRENCY}`);
  console.table(rows);
  console.log(
    `server RSS: idle ${idle.toFixed(0)} MiB, after load ${rssMiB(server.pid).toFixed(0)} MiB`,
  );
} finally {
  clearTimeout(deadline);
  server.kill('SIGTERM');
}
