import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillTemplate, reverseProxyTemplate } from '../setup/reverse-proxy';
import { repositoryRoot } from '../setup/synapse';
import { COMPAT_REQUESTS, SYNAPSE_REQUESTS, pathOnly } from './matrix-routes';
import {
  caddyRouteRules,
  compatPattern,
  fencedBlocks,
  nginxRouteRules,
  type RouteRules,
} from './route-rules';

/** The upstreams the guide's production snippets name (the compose services). */
const GUIDE_UPSTREAMS = {
  MAS_UPSTREAM: 'http://mas:8080',
  SYNAPSE_UPSTREAM: 'http://synapse:8008',
};

const GUIDE = 'docs/reverse-proxy.md';

function guide(): string {
  return readFileSync(join(repositoryRoot(), GUIDE), 'utf8');
}

const PROXIES = [
  {
    kind: 'nginx' as const,
    fences: ['nginx'],
    rules: nginxRouteRules,
    template: () =>
      fillTemplate(reverseProxyTemplate('nginx'), { LISTEN: '127.0.0.1:8000', ...GUIDE_UPSTREAMS }),
  },
  {
    kind: 'caddy' as const,
    fences: ['caddy', 'caddyfile'],
    rules: caddyRouteRules,
    template: () =>
      fillTemplate(reverseProxyTemplate('caddy'), { PORT: '8000', ...GUIDE_UPSTREAMS }),
  },
];

for (const proxy of PROXIES) {
  describe(`the ${proxy.kind} routing rules of ${GUIDE} and the template the tests run`, () => {
    const templateRules = (): RouteRules => proxy.rules(proxy.template());
    const guideRules = (): RouteRules =>
      proxy.rules(fencedBlocks(guide(), proxy.fences).join('\n'));

    it('should be the same rules, line for line', () => {
      assert.ok(templateRules().length >= 2, 'the template has a compat and a catch-all rule');
      assert.deepEqual(guideRules(), templateRules());
    });

    it('should send every compatibility path to mas-ts, v3 and r0', () => {
      const compat = compatPattern(templateRules());
      for (const request of COMPAT_REQUESTS) assert.match(pathOnly(request), compat);
    });

    it('should leave every other path to Synapse', () => {
      const compat = compatPattern(templateRules());
      for (const request of SYNAPSE_REQUESTS) assert.doesNotMatch(pathOnly(request), compat);
    });
  });
}

describe('the route-rule extraction (test/proxy/route-rules.ts)', () => {
  const nginx = [
    'server {',
    '    server_name matrix.example.com;',
    '    # a comment',
    '    location ~ ^/_matrix/client/(.*)/(login|logout|refresh) {',
    '        proxy_pass http://mas:8080;  # trailing comment',
    '    }',
    '    location / { proxy_pass http://synapse:8008; }',
    '}',
    'server {',
    '    location / { proxy_pass http://mas:8080; }',
    '}',
  ].join('\n');

  it("should take the location blocks of the homeserver's server block only", () => {
    assert.deepEqual(nginxRouteRules(nginx), [
      [
        'location ~ ^/_matrix/client/(.*)/(login|logout|refresh) {',
        'proxy_pass http://mas:8080;',
        '}',
      ],
      ['location / { proxy_pass http://synapse:8008; }'],
    ]);
  });

  it('should see a changed rule, so the guide cannot drift unnoticed', () => {
    const drifted = nginx.replace('|refresh', '');
    assert.notDeepEqual(nginxRouteRules(drifted), nginxRouteRules(nginx));
    const caddy = '@compat path_regexp ^/x\nhandle @compat {\n\treverse_proxy http://mas:8080\n}';
    assert.deepEqual(caddyRouteRules(caddy), [
      ['@compat path_regexp ^/x'],
      ['handle @compat {', 'reverse_proxy http://mas:8080', '}'],
    ]);
    assert.notDeepEqual(caddyRouteRules(caddy.replace('mas', 'synapse')), caddyRouteRules(caddy));
  });

  it('should read only the fences of the named languages', () => {
    const markdown = '```nginx\na\n```\n\n```json\nb\n```\n\n```caddy\nc\n```\n';
    assert.deepEqual(fencedBlocks(markdown, ['nginx']), ['a\n']);
    assert.deepEqual(fencedBlocks(markdown, ['caddy', 'caddyfile']), ['c\n']);
  });
});
