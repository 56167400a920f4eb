import { AppError } from '../errors/app-error.js';

export const reminderRefused = (path: string, message: string) =>
  new AppError('validation_error', message, [{ path: `body.${path}`, message }]);
