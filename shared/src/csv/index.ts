export * from './error.js';
export * from './lines.js';
export * from './decode.js';
export * from './delimiter.js';
export * from './read.js';
export * from './issues.js';
export * from './user-list.js';
