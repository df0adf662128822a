import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The resolver's Prometheus metrics, registered on the server's registry. */
export interface ResolverMetrics {
  cacheHits: Counter;
  cacheMisses: Counter;
  resolveDuration: Histogram<'source'>;
  resolveErrors: Counter<'code'>;
  upstreamFetches: Counter<'extractor'>;
  browserRestarts: Counter<'reason'>;
}

export function createResolverMetrics(
  registry: Registry,
  queueLength: () => number,
): ResolverMetrics {
  const registers = [registry];
  new Gauge({
    name: 'wt_resolver_queue_length',
    help: 'Resolve jobs waiting or running (page and browser work queues)',
    registers,
    collect() {
      this.set(queueLength());
    },
  });
  return {
    cacheHits: new Counter({
      name: 'wt_resolver_cache_hits_total',
      help: 'Resolves answered from the cache',
      registers,
    }),
    cacheMisses: new Counter({
      name: 'wt_resolver_cache_misses_total',
      help: 'Resolves that needed TikTok (joined flights included)',
      registers,
    }),
    resolveDuration: new Histogram({
      name: 'wt_resolve_duration_seconds',
      help: 'Time to resolve a link, by source (page, browser, cache)',
      labelNames: ['source'],
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    resolveErrors: new Counter({
      name: 'wt_resolve_errors_total',
      help: 'Failed resolves, by error code',
      labelNames: ['code'],
      registers,
    }),
    upstreamFetches: new Counter({
      name: 'wt_resolver_upstream_fetches_total',
      help: 'Extractions that went to TikTok, by extractor (page, browser, short_link)',
      labelNames: ['extractor'],
      registers,
    }),
    browserRestarts: new Counter({
      name: 'wt_browser_restarts_total',
      help: 'Times the headless browser was relaunched after a crash or a hang',
      labelNames: ['reason'],
      registers,
    }),
  };
}
