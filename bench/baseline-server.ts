/**
 * The throughput baseline: a minimal raw node:http + pg server doing what the API does for the
 * three benchmarked routes, with the same SQL and the same auth lookup (the bearer token's
 * session row, then its user, as Better Auth's Drizzle adapter does) and nothing else: no
 * framework, no validation library, no logging, no security headers.
 *
 *   DATABASE_URL=postgresql://… PORT=9000 node --import tsx bench/baseline-server.ts
 */
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
const toTask = (row: Row) => ({
  id: row.id,
  title: row.title,
  description: row.description,
  completed: row.completed,
  priority: row.priority,
  due_date: row.due_date ?? null,
  due_at: iso(row.due_at),
  tags: row.tags,
  created_at: iso(row.created_at),
  updated_at: iso(row.updated_at),
  completed_at: iso(row.completed_at),
});

const TASK_COLUMNS =
  'id, user_id, list_id, title, description, completed, priority, due_date, due_at, tags, created_at, updated_at, completed_at';

/** Better Auth's lookup: the session by token (unexpired), then its user. */
async function authenticate(request: http.IncomingMessage) {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!bearer) return undefined;
  const [token = ''] = decodeURIComponent(bearer).split('.');
  const { rows: sessions } = await pool.query(
    'SELECT id, expires_at, token, created_at, updated_at, ip_address, user_agent, user_id FROM session WHERE token = $1 LIMIT 1',
    [token],
  );
  const session = sessions[0];
  if (!session || (session.expires_at as Date).getTime() < Date.now()) return undefined;
  const { rows: users } = await pool.query(
    'SELECT id, name, email, email_verified, image, created_at, updated_at FROM "user" WHERE id = $1 LIMIT 1',
    [session.user_id],
  );
  const user = users[0];
  return user ? { session, user } : undefined;
}

function send(response: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

const server = http.createServer(async (request, response) => {
  try {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const auth = await authenticate(request);
    if (!auth) return send(response, 401, { error: { code: 'unauthorized', message: 'Sign in' } });
    const userId = auth.user.id as string;

    if (request.method === 'GET' && url.pathname === '/api/auth/get-session') {
      return send(response, 200, auth);
    }
    if (request.method === 'GET' && url.pathname === '/api/v1/tasks') {
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 100);
      // The same two statements the API runs for an unfiltered first page.
      const [page, total] = await Promise.all([
        pool.query(
          `SELECT ${TASK_COLUMNS}, (created_at)::text AS key FROM tasks WHERE user_id = $1 ORDER BY created_at desc, id desc LIMIT $2`,
          [userId, limit + 1],
        ),
        pool.query('SELECT coalesce(sum(n), 0)::int AS total FROM task_counts WHERE user_id = $1', [
          userId,
        ]),
      ]);
      const items = page.rows.slice(0, limit);
      const last = items.at(-1);
      return send(response, 200, {
        items: items.map(toTask),
        total: total.rows[0].total,
        next_cursor:
          page.rows.length > limit && last
            ? Buffer.from(JSON.stringify([last.key, last.id])).toString('base64url')
            : null,
      });
    }
    if (request.method === 'POST' && url.pathname === '/api/v1/tasks') {
      const input = JSON.parse(await readBody(request)) as { title?: unknown };
      if (typeof input.title !== 'string' || input.title.trim() === '')
        return send(response, 400, { error: { code: 'validation_error', message: 'title' } });
      const { rows } = await pool.query(
        `INSERT INTO tasks (user_id, title, description, priority, due_date, tags) VALUES ($1, $2, null, 'medium', null, '{}') RETURNING ${TASK_COLUMNS}`,
        [userId, input.title.trim()],
      );
      return send(response, 201, toTask(rows[0]));
    }
    send(response, 404, { error: { code: 'not_found', message: 'Not found' } });
  } catch (error) {
    send(response, 500, { error: { code: 'internal_error', message: String(error) } });
  }
});

server.listen(Number(process.env.PORT ?? 9000), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
