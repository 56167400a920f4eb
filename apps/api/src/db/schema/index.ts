export * from './auth.js';
export * from './calendar.js';
export * from './channels.js';
export * from './chat.js';
export * from './lists.js';
export * from './oauth.js';
export * from './reminders.js';
export * from './tasks.js';
