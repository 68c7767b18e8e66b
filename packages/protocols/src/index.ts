export * from './library.ts'
export * from './protocol.ts'
export * from './run-machine.ts'
