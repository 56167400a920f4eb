export * from './api-keys.js';
export * from './chat.js';
export * from './errors.js';
export * from './tasks.js';
