/** Minimal HTTP helpers against a running host. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { ok: boolean; code?: string; data?: never },
  };
}

export async function signIn(base: string, key: string): Promise<string> {
  const r = await post(`${base}/api/demo/signin`, { key });
  if (!r.body.ok) throw new Error(`sign-in failed: ${JSON.stringify(r.body)}`);
  return (r.body.data as unknown as { token: string }).token;
}

export const fn = (
  base: string,
  token: string,
  name: string,
  action: string,
  payload: unknown = {},
  headers: Record<string, string> = {},
) => post(`${base}/api/fn/${name}`, { action, payload }, { authorization: `Bearer ${token}`, ...headers });
