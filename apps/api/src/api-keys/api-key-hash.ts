import { createHash, randomBytes } from 'node:crypto';

/** Recognisable in logs and secret scanners; the rest is 256 bits of randomness. */
export const API_KEY_PREFIX = 'tdc_';
const SHOWN_PREFIX_LENGTH = 12;

/** A SHA-256 hash is enough here: the key is random, so there is nothing to brute-force. */
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, SHOWN_PREFIX_LENGTH) };
}
