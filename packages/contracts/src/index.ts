export * from './api-keys.js';
export * from './chat.js';
export * from './dates.js';
export * from './errors.js';
export * from './lists.js';
export * from './me.js';
export * from './tasks.js';
export * from './transfer.js';
