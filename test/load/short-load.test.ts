// The load test in its short form (5 s at 16 connections, on a copy of the demo lake): no error, no unexpected
// status, a clean exit on SIGTERM. The full run is `npm run test:load` (60 s at 64 connections).
import t from 'tap'
import { runLoad } from '../../scripts/load-test.js'
import { copyDemoLake } from '../helpers/lake-copy.js'

t.test('5 s at 16 connections over the endpoint mix', async (t) => {
  const lake = await copyDemoLake('tradedep-load-')
  t.teardown(() => lake.remove())
  const result = await runLoad({
    durationSeconds: 5, connections: 16, lakeDir: lake.lakeDir, cacheOff: false, maxRssSlopeMbPerMin: 10, out: null, quiet: true,
  })
  t.comment(`${result.requests.total} requests, ${result.throughput_rps} req/s, p50 ${result.latency_ms.p50} ms, p99 ${result.latency_ms.p99} ms, ` +
    `RSS ${result.rss_mb.start} → ${result.rss_mb.end} MiB`)
  t.ok(result.requests.total > 1000, `${result.requests.total} requests answered`)
  t.equal(result.requests.unexpected, 0, `no unexpected status ${result.unexpected_samples.join(', ')}`)
  t.ok(result.requests.deliberate_400 > 0, 'the deliberate bad requests were refused with 400')
  t.equal(result.requests.socket_errors, 0, 'no socket error')
  t.equal(result.requests.timeouts, 0, 'no timeout')
  t.equal(result.server_exit_code, 0, 'the server exits 0 on SIGTERM afterwards')
  t.equal(result.rss_stable, null, 'memory is not judged on a 5 s run')
})
