export { type Config, ConfigError, loadConfig } from './config.ts'
export { type ConferServer, createServer } from './server.ts'
