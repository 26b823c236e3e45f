export interface HttpResponse {
  readonly status: number;
  readonly body: string;
  /** From sending the request to the last byte of the body. */
  readonly durationMs: number;
}

/** One GET with a hard timeout; {@link httpGet} is the real one, tests pass their own. */
export type HttpGet = (url: string, timeoutMs: number) => Promise<HttpResponse>;

/** Joins a slot URL and a path without dropping a path prefix the URL may carry. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, "") + path;
}

/**
 * One GET with a hard timeout covering headers and body, so a hanging slot costs at most
 * `timeoutMs`. Network errors and timeouts reject with a message that names the URL.
 */
export const httpGet: HttpGet = async (url, timeoutMs) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = performance.now();
  try {
    const response = await fetch(url, {
      signal: controller.signal,
      headers: { "cache-control": "no-cache" },
    });
    const body = await response.text();
    return { status: response.status, body, durationMs: performance.now() - started };
  } catch (error) {
    if (controller.signal.aborted) throw new Error(`GET ${url}: no response within ${timeoutMs} ms`);
    const cause = (error as Error & { cause?: Error }).cause;
    throw new Error(`GET ${url}: ${cause?.message ?? (error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
};
