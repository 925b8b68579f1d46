/** A local HTTP endpoint's text (the SDK's metrics), with a deadline so a scrape never hangs on it. */
export async function readText(url: string, timeoutMs = 2000): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}
