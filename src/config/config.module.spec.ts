import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { MasConfigModule } from './config.module';
import { generatedBase, writeTemp } from './fixtures/temp-files';
import { loadConfigFiles } from './load-config';
import { MasConfig } from './mas-config';
import { DatabaseConfig } from './sections/database.config';
import { HttpConfig } from './sections/http.config';
import { SecretsConfig } from './sections/secrets.config';

describe('MasConfigModule', () => {
  it('should provide MasConfig, each section class and ConfigService over the same values', async () => {
    const { config } = await loadConfigFiles(
      writeTemp(generatedBase(), 'branding:\n  service_name: Example\n'),
    );
    const moduleRef = await Test.createTestingModule({
      imports: [MasConfigModule.forRoot(config)],
    }).compile();
    assert.equal(moduleRef.get(MasConfig), config);
    assert.equal(moduleRef.get(HttpConfig), config.http);
    assert.equal(moduleRef.get(DatabaseConfig), config.database);
    assert.equal(moduleRef.get(SecretsConfig), config.secrets);
    const service = moduleRef.get(ConfigService);
    assert.equal(service.get('branding.service_name'), 'Example');
    assert.equal(service.get('experimental.access_token_ttl'), 300);
    await moduleRef.close();
  });
});
