import { createECDH, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type Env } from '../config/env.js';

/** The server's VAPID identity, both keys in the base64url raw form web-push takes. */
export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

const RAW_PRIVATE_KEY = /^[A-Za-z0-9_-]{43}$/;

/** A P-256 private scalar (32 bytes, base64url) and its uncompressed public point. */
function fromRawPrivateKey(d: string): { publicKey: string; privateKey: string } {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(d, 'base64url')); // throws when not a valid scalar
  return { publicKey: ecdh.getPublicKey('base64url', 'uncompressed'), privateKey: d };
}

/**
 * Accepts what Helm's `genPrivateKey "ecdsa"` makes (a PEM EC P-256 key, SEC1 or PKCS#8) or what
 * `web-push generate-vapid-keys` prints (32 bytes base64url). Errors never quote the value.
 */
export function parseVapidPrivateKey(value: string): { publicKey: string; privateKey: string } {
  const problem = (why: string) => new ConfigError([`VAPID_PRIVATE_KEY: ${why}`]);
  const trimmed = value.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    let key: ReturnType<typeof createPrivateKey>;
    try {
      key = createPrivateKey(trimmed);
    } catch {
      throw problem('is not a readable PEM private key');
    }
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw problem('must be an EC key on the P-256 (prime256v1) curve');
    }
    const jwk = key.export({ format: 'jwk' });
    if (!jwk.d || !jwk.x || !jwk.y) throw problem('has no private part');
    const publicKey = Buffer.concat([
      Buffer.from([0x04]),
      Buffer.from(jwk.x, 'base64url'),
      Buffer.from(jwk.y, 'base64url'),
    ]).toString('base64url');
    return { publicKey, privateKey: jwk.d };
  }
  if (!RAW_PRIVATE_KEY.test(trimmed)) {
    throw problem('must be a PEM EC P-256 key or 32 bytes in base64url (43 characters)');
  }
  try {
    return fromRawPrivateKey(trimmed);
  } catch {
    throw problem('is not a valid P-256 private key');
  }
}

/**
 * VAPID_PRIVATE_KEY when set. Unset in development or tests, a key is made once and kept in
 * DATA_DIR (mode 0600, like the auth secret) so subscriptions survive restarts; with an in-memory
 * DATA_DIR it lives as long as the process. Unset in production: Web Push is off (null).
 */
export function resolveVapidKeys(env: Env): VapidKeys | null {
  const subject = env.VAPID_SUBJECT;
  if (env.VAPID_PRIVATE_KEY) return { ...parseVapidPrivateKey(env.VAPID_PRIVATE_KEY), subject };
  if (env.ENVIRONMENT === 'production') return null;
  // The JWK's d is always the full 32 bytes (ECDH#getPrivateKey may drop a leading zero).
  const fresh = () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    return privateKey.export({ format: 'jwk' }).d ?? '';
  };
  if (env.DATA_DIR.startsWith('memory://')) return { ...fromRawPrivateKey(fresh()), subject };
  const file = join(env.DATA_DIR, 'vapid-private-key');
  if (existsSync(file)) return { ...parseVapidPrivateKey(readFileSync(file, 'utf8')), subject };
  mkdirSync(env.DATA_DIR, { recursive: true });
  const privateKey = fresh();
  writeFileSync(file, privateKey, { mode: 0o600 });
  return { ...fromRawPrivateKey(privateKey), subject };
}
