import { collectDefaultMetrics, Registry } from 'prom-client'

let registry: Registry | null = null

/**
 * prom-client's default metrics (event-loop delay, memory, heap spaces, GC, CPU, handles): one set
 * per process, however many servers it runs, made on the first scrape's registration so a
 * server without metrics pays nothing for them. The event-loop delay is sampled every 1 ms, as the
 * benchmark's reference server does, so its maximum is comparable; each scrape reads it and
 * starts it afresh, so `nodejs_eventloop_lag_max_seconds` is the worst delay since the last scrape.
 */
export function processMetrics(): Registry {
  if (!registry) {
    registry = new Registry()
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 1 })
  }
  return registry
}
