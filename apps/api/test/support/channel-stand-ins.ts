import { createECDH, createPublicKey, randomBytes, verify } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
// biome-ignore lint/suspicious/noTsIgnore: http_ece ships no types; its API is two functions
// @ts-ignore
import ece from 'http_ece';
import { generate } from 'selfsigned';
import { SMTPServer } from 'smtp-server';

/**
 * Local stand-ins for what reminder channels talk to on the internet: an HTTPS webhook receiver,
 * a Web Push service that checks VAPID and decrypts the payload, and an SMTP server. They use one
 * self-signed certificate for `localhost`/127.0.0.1, which the app under test trusts through its
 * `outboundCa` option (nothing turns TLS checks off).
 */
export type TestTls = { cert: string; key: string };

export async function makeTestTls(): Promise<TestTls> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 2 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

export type Received = {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
};

type Answer = (request: Received) => {
  status: number;
  body?: string;
  headers?: Record<string, string>;
};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `https://localhost:${(server.address() as AddressInfo).port}`;
}

/** An HTTPS server that records every request and answers with `answer` (204 by default). */
export async function startHttpsReceiver(tls: TestTls, answer: Answer = () => ({ status: 204 })) {
  const received: Received[] = [];
  let respond = answer;
  const server = createServer(tls, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      received.push(entry);
      const { status, body, headers } = respond(entry);
      response.writeHead(status, headers).end(body);
    });
  });
  const origin = await listen(server);
  return {
    origin,
    received,
    answerWith(next: Answer) {
      respond = next;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A browser's side of a push subscription: its key pair and auth secret. */
export function makeBrowserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    ecdh,
    p256dh: ecdh.getPublicKey('base64url', 'uncompressed'),
    auth: randomBytes(16).toString('base64url'),
  };
}
export type BrowserKeys = ReturnType<typeof makeBrowserKeys>;

export type PushDelivery = {
  path: string;
  /** The VAPID JWT's claims, after its ES256 signature was checked against `k`. */
  claims: { aud: string; exp: number; sub: string };
  vapidPublicKey: string;
  ttl: string | undefined;
  /** The payload decrypted with the browser's private key (RFC 8291, aes128gcm). */
  payload: unknown;
};

const b64json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/**
 * Checks `Authorization: vapid t=<jwt>, k=<key>`: an ES256 JWT signed by the key in `k`, whose
 * audience is this service's origin and which expires within 24 h. Throws when anything is off.
 */
export function checkVapid(authorization: string | undefined, origin: string) {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  if (!match?.[1] || !match[2]) throw new Error(`not a VAPID authorization: ${authorization}`);
  const [jwt, k] = [match[1], match[2]];
  const [header, claims, signature] = jwt.split('.') as [string, string, string];
  if (b64json(header).alg !== 'ES256') throw new Error('JWT is not ES256');
  const point = Buffer.from(k, 'base64url');
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const valid = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) throw new Error('VAPID signature does not verify');
  const body = b64json(claims) as PushDelivery['claims'];
  if (body.aud !== origin) throw new Error(`audience ${body.aud} is not ${origin}`);
  const now = Date.now() / 1000;
  if (!(body.exp > now && body.exp <= now + 24 * 3600)) throw new Error('bad expiry');
  return { claims: body, vapidPublicKey: k };
}

/**
 * A Web Push service: POST /<id> for a subscription made with `browsers.get(id)`'s keys. Answers
 * 201 after checking VAPID and decrypting; `/gone-*` paths answer 410 like a dropped subscription.
 */
export async function startPushService(tls: TestTls) {
  const browsers = new Map<string, BrowserKeys>();
  const deliveries: PushDelivery[] = [];
  const failures: string[] = [];
  let origin = '';
  const server = createServer(tls, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      try {
        if (path.startsWith('/gone-')) return void response.writeHead(410).end();
        const keys = browsers.get(path.slice(1));
        if (!keys) return void response.writeHead(404).end();
        const { claims, vapidPublicKey } = checkVapid(request.headers.authorization, origin);
        if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
        const plain: Buffer = ece.decrypt(Buffer.concat(chunks), {
          version: 'aes128gcm',
          privateKey: keys.ecdh,
          authSecret: keys.auth,
        });
        deliveries.push({
          path,
          claims,
          vapidPublicKey,
          ttl: request.headers.ttl as string | undefined,
          payload: JSON.parse(plain.toString('utf8')),
        });
        response.writeHead(201).end();
      } catch (error) {
        failures.push(String(error));
        response.writeHead(400).end(String(error));
      }
    });
  });
  origin = await listen(server);
  return {
    origin,
    deliveries,
    failures,
    /** A subscription for a new browser, as PushSubscription.toJSON() gives it. */
    subscribe(id: string) {
      const keys = makeBrowserKeys();
      browsers.set(id, keys);
      return { endpoint: `${origin}/${id}`, keys: { p256dh: keys.p256dh, auth: keys.auth } };
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export type ReceivedMail = {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
  /** Whether the session was upgraded to TLS (STARTTLS) before the message. */
  secure: boolean;
};

/** An SMTP server on 127.0.0.1 requiring STARTTLS and a login; keeps every message. */
export async function startSmtpServer(tls: TestTls, login = { user: 'mailer', pass: 's3cret' }) {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    key: tls.key,
    cert: tls.cert,
    secure: false,
    authMethods: ['PLAIN', 'LOGIN'],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === login.user && auth.password === login.pass) {
        return callback(null, { user: auth.username });
      }
      callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
          secure: session.secure,
        });
        callback();
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${login.user}:${login.pass}@localhost:${port}`,
    mails,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
