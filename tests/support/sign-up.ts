/**
 * A user made through the real Better Auth sign-up endpoint, as the web app makes one (with a
 * trusted Origin), returning both credentials: the session cookie and the bearer token.
 */
export type SignedUpUser = {
  id: string;
  email: string;
  password: string;
  /** The Cookie header a browser would send back. */
  cookie: string;
  token: string;
};

let counter = 0;

export async function signUpUser(
  apiUrl: string,
  options: {
    name?: string;
    origin: string;
    /** Another fetch, e.g. one that also inspects the response. */
    fetch?: (url: string, init: RequestInit) => Promise<Response>;
  },
): Promise<SignedUpUser> {
  const name = options.name ?? 'user';
  const email = `${name}-${process.pid}-${Date.now()}-${counter++}@example.test`;
  const password = 'correct-horse-battery';
  const response = await (options.fetch ?? fetch)(`${apiUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: options.origin },
    body: JSON.stringify({ email, password, name }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${text}`);
  const token = response.headers.get('set-auth-token');
  if (!token) throw new Error('sign-up answered without a set-auth-token header');
  return {
    id: (JSON.parse(text) as { user: { id: string } }).user.id,
    email,
    password,
    cookie: response.headers
      .getSetCookie()
      .map((value) => value.split(';')[0])
      .join('; '),
    token,
  };
}
