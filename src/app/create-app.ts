import type { RequestListener } from 'node:http';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AdminModule } from '../admin/admin.module';
import { captureAdminApiBody } from '../admin/common/admin-body';
import { AdminApiDocument } from '../admin/openapi/admin-api-document';
import { captureMatrixClientBody } from '../compat/matrix-body';
import type { MasConfig } from '../config';
import type { JobsSetup } from '../jobs/jobs-setup';
import { setSecurityHeaders } from '../http/security-headers';
import { PinoNestLogger } from '../logging/pino-nest-logger';
import { createRequestLogger } from '../logging/request-logging';
import { AppModule } from './app.module';
import { WorkerModule } from './worker.module';

export interface RunningApp {
  app: INestApplication;
  /** The request handler every listener dispatches into. */
  handler: RequestListener;
}

/**
 * Builds and initialises the Nest application without binding any socket. The job queue starts
 * with it; `jobs.worker` decides whether this process also runs jobs.
 */
export async function createApp(
  config: MasConfig,
  dataSource: DataSource,
  logger: Logger,
  jobs: JobsSetup,
): Promise<RunningApp> {
  const server = express();
  server.disable('x-powered-by');
  // Only the configured proxies may set X-Forwarded-For (MAS `http.trusted_proxies`).
  server.set('trust proxy', config.http.trusted_proxies);
  server.use(createRequestLogger(logger));
  server.use(setSecurityHeaders);
  // Matrix client-server bodies are parsed by the compat layer, with Matrix errors.
  server.use(captureMatrixClientBody);
  // Admin API bodies are parsed by the admin API, with its error shape.
  server.use(captureAdminApiBody);
  const app = await NestFactory.create(
    AppModule.register({ config, dataSource, jobs }),
    new ExpressAdapter(server),
    { logger: new PinoNestLogger(logger), bodyParser: true, abortOnError: false },
  );
  await app.init();
  app.select(AdminModule).get(AdminApiDocument).build(app, AdminModule);
  return { app, handler: server as unknown as RequestListener };
}

/** Builds and initialises a worker-only application context (no HTTP); its workers start. */
export async function createWorkerApp(
  config: MasConfig,
  dataSource: DataSource,
  logger: Logger,
  jobs: JobsSetup,
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    WorkerModule.register({ config, dataSource, jobs }),
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  await app.init();
  return app;
}
