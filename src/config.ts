// Service configuration read from the environment and validated once at start.
import { resolve } from 'node:path'

export interface Config {
  port: number
  host: string
  lakeDir: string
  logLevel: string
  dbConnections: number
  dbQueueMax: number
  queryTimeoutMs: number
  /** Build the synthetic demo lake on start when LAKE_DIR holds no lake. */
  autoDemo: boolean
  /** How often to check `$LAKE_DIR/current` for a new lake version (ms); 0 turns watching off (SIGHUP still reloads). */
  lakeWatchMs: number
  /** Allowed CORS origins: `*`, or a list of exact origins. */
  corsOrigins: '*' | string[]
  /** Requests per client IP per window; 0 turns rate limiting off. */
  rateLimitMax: number
  rateLimitWindowMs: number
  /** Response cache size in MiB (0: off) and the Cache-Control max-age in seconds. */
  cacheMaxMb: number
  cacheMaxAgeSeconds: number
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`)
  const value = Number(raw)
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`)
  return value
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes'].includes(raw)) return true
  if (['0', 'false', 'no'].includes(raw)) return false
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`)
}

function origins(raw: string | undefined): '*' | string[] {
  const text = raw?.trim()
  if (!text || text === '*') return '*'
  const list = text.split(',').map((o) => o.trim()).filter(Boolean)
  for (const origin of list) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(`CORS_ORIGINS must be * or comma-separated origins like https://example.org, got "${origin}"`)
    }
  }
  return list
}

/** Reads and validates the configuration; throws ConfigError naming the variable on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = env.LOG_LEVEL?.trim() || 'info'
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`)
  }
  const host = env.HOST?.trim() || '0.0.0.0'
  const lakeDir = env.LAKE_DIR?.trim() || './lake'
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host,
    lakeDir: resolve(lakeDir),
    logLevel,
    dbConnections: integer(env, 'DB_CONNECTIONS', 4, 1, 64),
    dbQueueMax: integer(env, 'DB_QUEUE_MAX', 256, 0, 100000),
    queryTimeoutMs: integer(env, 'QUERY_TIMEOUT_MS', 10000, 10, 600000),
    autoDemo: boolean(env, 'AUTO_DEMO_LAKE', true),
    lakeWatchMs: integer(env, 'LAKE_WATCH_MS', 2000, 0, 3600000),
    corsOrigins: origins(env.CORS_ORIGINS),
    rateLimitMax: integer(env, 'RATE_LIMIT_MAX', 1200, 0, 1000000),
    rateLimitWindowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', 60000, 1000, 3600000),
    cacheMaxMb: integer(env, 'CACHE_MAX_MB', 256, 0, 65536),
    cacheMaxAgeSeconds: integer(env, 'CACHE_MAX_AGE_S', 60, 0, 86400),
  }
}
