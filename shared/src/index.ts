export * from './constants.js';
export * from './errors.js';
export * from './auth.js';
export * from './accounts.js';
export * from './licensing.js';
export * from './overview.js';
export * from './sessions.js';
