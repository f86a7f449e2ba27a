/** POSTs JSON with a timeout; resolves the parsed JSON body or rejects with a short reason. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
  fetchImpl: typeof fetch = fetch,
): Promise<unknown> {
  const res = await fetchImpl(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${new URL(url).pathname}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`non-JSON body from ${new URL(url).pathname}`);
  }
}
