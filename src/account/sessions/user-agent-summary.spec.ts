import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { userAgentSummary } from './user-agent-summary';

describe('userAgentSummary', () => {
  const cases: [string, string][] = [
    [
      'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      'Firefox 128 · Linux',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge 131 · Windows',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      'Safari 17.4 · macOS',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0 Mobile/15E148 Safari/604.1',
      'Chrome 124 · iOS',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Element/1.11.85 Chrome/130.0.0.0 Electron/33.0.0 Safari/537.36',
      'Element 1.11 · Linux',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/125.0 Mobile',
      'Chrome 125 · Android',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      'Chrome 131 · Linux',
    ],
    ['curl/8.5.0', 'curl 8.5'],
  ];
  for (const [ua, summary] of cases) {
    it(`should summarise ${summary}`, () => assert.equal(userAgentSummary(ua), summary));
  }

  it('should keep an unknown agent short, and have nothing to say about none', () => {
    assert.equal(userAgentSummary('x'.repeat(100)), 'x'.repeat(60));
    assert.equal(userAgentSummary(null), null);
    assert.equal(userAgentSummary('  '), null);
  });
});
