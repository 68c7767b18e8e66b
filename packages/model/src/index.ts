export * from './constants.ts'
export * from './document-names.ts'
export * from './ids.ts'
export * from './meeting.ts'
