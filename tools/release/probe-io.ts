import { type HttpGet, httpGet } from "./http-get";

/** Time as the checks see it. Injected, so tests decide how long a request or a wait takes. */
export interface Clock {
  /** Milliseconds since an arbitrary origin; never goes back. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** What the checks use from outside: HTTP requests and time. */
export interface ProbeIo {
  readonly http: HttpGet;
  readonly clock: Clock;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export const systemProbeIo: ProbeIo = { http: httpGet, clock: systemClock };
