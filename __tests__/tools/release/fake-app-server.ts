import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake app answers: a status and body (strings as is, else JSON) after an optional delay, or nothing. */
export type Reply = Answer | "hang";
export type Answer = { status: number; body?: unknown; delayMs?: number };

export interface FakeApp {
  readonly url: string;
  /** Paths in the order they were requested. */
  readonly hits: string[];
  close(): Promise<void>;
}

export const healthy = (version: string): Answer => ({ status: 200, body: { status: "healthy", version } });

/** A real HTTP server on 127.0.0.1 and a free port; `reply` gets the path and its 1-based hit count. */
export async function startFakeApp(reply: (path: string, hit: number) => Reply): Promise<FakeApp> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    hits.push(path);
    const answer = reply(path, hits.filter((p) => p === path).length);
    if (answer === "hang") return;
    const send = () => {
      response.writeHead(answer.status, { "content-type": "application/json" });
      response.end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? {}));
    };
    // Without a delay, answer at once: a zero timer waits a whole millisecond, per request.
    if (answer.delayMs === undefined) send();
    else setTimeout(send, answer.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
