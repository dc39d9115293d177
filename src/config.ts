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
  }
}
