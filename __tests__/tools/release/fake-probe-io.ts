import { type HttpGet, httpGet } from "../../../tools/release/http-get";
import type { Clock, ProbeIo } from "../../../tools/release/probe-io";

/** A clock that moves only when something takes time: sleeps and scripted requests advance it, nothing waits. */
export class FakeClock implements Clock {
  private time = 0;

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.time += ms;
  }
}

/** What a scripted request does: answer after `durationMs` of fake time (default 10), or fail. */
export type ScriptedAnswer = { status: number; body?: unknown; durationMs?: number } | Error;

export interface ScriptedIo extends ProbeIo {
  readonly clock: FakeClock;
  /** Paths in the order they were requested. */
  readonly paths: string[];
  /** The most requests that were in flight at once. */
  readonly maxInFlight: () => number;
}

/**
 * HTTP without a network: `answer` gets the path and the 1-based number of the request, and
 * its answer takes `durationMs` on the fake clock. Each request yields once, so concurrent
 * clients interleave as they would on a network.
 */
export function scriptedIo(answer: (path: string, request: number) => ScriptedAnswer): ScriptedIo {
  const clock = new FakeClock();
  const paths: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const http: HttpGet = async (url) => {
    const path = new URL(url).pathname;
    paths.push(path);
    const reply = answer(path, paths.length);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await Promise.resolve();
    inFlight--;
    if (reply instanceof Error) throw reply;
    const durationMs = reply.durationMs ?? 10;
    await clock.sleep(durationMs);
    const body = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {});
    return { status: reply.status, body, durationMs };
  };
  return { http, clock, paths, maxInFlight: () => maxInFlight };
}

/**
 * The real HTTP client against real servers, with each response's duration replaced by
 * `durationOf(url)`: statuses and bodies as served, timing as the test decides, so no
 * assertion depends on how fast this machine answers.
 */
export function realHttpTimedBy(durationOf: (url: string) => number): HttpGet {
  return async (url, timeoutMs) => ({ ...(await httpGet(url, timeoutMs)), durationMs: durationOf(url) });
}
