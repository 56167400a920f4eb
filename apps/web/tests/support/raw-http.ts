import http from 'node:http';
import net from 'node:net';

/**
 * HTTP at the byte level, for tests that send what no well-behaved client would (smuggling,
 * pipelining, malformed framing). From `localAddress` (any 127.x.y.z on Linux) a test can be a
 * client of its own address, with its own rate-limit bucket.
 */
export type RawResponse = { status: number; headers: Record<string, string>; body: string };

export function rawExchange(
  url: string,
  bytes: string | Buffer,
  options: { localAddress?: string; idleMs?: number } = {},
): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = net.connect({
      host: hostname,
      port: Number(port),
      localAddress: options.localAddress,
    });
    const finish = () => {
      socket.destroy();
      resolve(received);
    };
    let idle = setTimeout(finish, options.idleMs ?? 1_500);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      clearTimeout(idle);
      idle = setTimeout(finish, options.idleMs ?? 1_500);
    });
    socket.on('end', () => {
      clearTimeout(idle);
      finish();
    });
    socket.on('error', (error) => {
      clearTimeout(idle);
      if (received) resolve(received);
      else reject(error);
    });
    socket.write(bytes);
  });
}

/** Splits a stream of HTTP/1.1 responses (Content-Length or chunked framing) into responses. */
export function parseResponses(raw: string): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = raw;
  while (rest.startsWith('HTTP/1.1 ')) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) break;
    const [statusLine, ...lines] = rest.slice(0, headEnd).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    rest = rest.slice(headEnd + 4);
    let body = '';
    if (headers['transfer-encoding']?.includes('chunked')) {
      for (;;) {
        const sizeEnd = rest.indexOf('\r\n');
        const size = Number.parseInt(rest.slice(0, sizeEnd), 16);
        rest = rest.slice(sizeEnd + 2);
        if (!size) {
          rest = rest.slice(rest.indexOf('\r\n') + 2);
          break;
        }
        body += rest.slice(0, size);
        rest = rest.slice(size + 2);
      }
    } else {
      const length = Number(headers['content-length'] ?? 0);
      body = rest.slice(0, length);
      rest = rest.slice(length);
    }
    responses.push({ status: Number(statusLine?.split(' ')[1]), headers, body });
  }
  return responses;
}

/** A request head with CRLFs, from lines. */
export const head = (...lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;

/** One ordinary request from a chosen local address (fetch cannot pick its source address). */
export function requestFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse & { setCookies: string[] }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: init.method ?? 'GET', headers: init.headers, localAddress, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (typeof value === 'string') headers[name] = value;
          }
          resolve({
            status: response.statusCode ?? 0,
            headers,
            body,
            setCookies: response.headers['set-cookie'] ?? [],
          });
        });
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}

/** `name=value; …` from Set-Cookie lines, as a browser would send them back. */
export const cookieHeader = (setCookies: string[]) =>
  setCookies.map((line) => line.split(';')[0]).join('; ');
