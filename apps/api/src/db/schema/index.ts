export * from './auth.js';
export * from './chat.js';
export * from './tasks.js';
