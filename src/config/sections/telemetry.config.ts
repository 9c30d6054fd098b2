import { ListOf, Nested, Num, OneOf, Opt, Str, Url } from '../validation/rules';

export const PROPAGATORS = ['tracecontext', 'baggage', 'jaeger'] as const;

/** `telemetry.tracing`. */
export class TracingConfig {
  @OneOf(['none', 'stdout', 'otlp']) exporter: 'none' | 'stdout' | 'otlp' = 'none';
  @Opt() @Url() endpoint?: string;
  @ListOf((v) => (PROPAGATORS as readonly unknown[]).includes(v), PROPAGATORS.join(', '))
  propagators: string[] = [];
  /** 0.0–1.0, default 1.0. */
  @Opt() @Num(0, 1) sample_rate?: number;
}

/** `telemetry.metrics`. */
export class MetricsConfig {
  @OneOf(['none', 'stdout', 'otlp', 'prometheus'])
  exporter: 'none' | 'stdout' | 'otlp' | 'prometheus' = 'none';
  @Opt() @Url() endpoint?: string;
}

/** `telemetry.sentry`. */
export class SentryConfig {
  @Opt() @Str() dsn?: string;
  /** Default `production`. */
  @Opt() @Str() environment?: string;
  @Opt() @Num(0, 1) sample_rate?: number;
  @Opt() @Num(0, 1) traces_sample_rate?: number;
}

/** `telemetry` (MAS docs/reference/configuration.md#telemetry). */
export class TelemetryConfig {
  @Nested(() => TracingConfig) tracing = new TracingConfig();
  @Nested(() => MetricsConfig) metrics = new MetricsConfig();
  @Nested(() => SentryConfig) sentry = new SentryConfig();
}
