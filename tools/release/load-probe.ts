import type { ProbeIo } from "./probe-io";
import type { ReleaseSettings } from "./release-settings";
import { probedPaths, type RequestSample, sampleRequest } from "./request-stats";
import { tooManyErrors } from "./rollback-rules";

/**
 * `concurrency` clients, each sending its next request when the last one answered, over the
 * health path and the critical paths in turn, until `requests` were sent or `durationSeconds`
 * passed (on the injected clock). With a request count it stops early, like the latency probe,
 * once the errors exceed what `maxErrorRatePercent` allows of it.
 */
export async function probeLoad(
  baseUrl: string,
  settings: ReleaseSettings,
  { http, clock }: ProbeIo,
): Promise<RequestSample[]> {
  const { concurrency, requests, durationSeconds } = settings.load;
  const paths = probedPaths(settings);
  const endsAt = durationSeconds === undefined ? undefined : clock.now() + durationSeconds * 1000;
  // The schema sets `requests` whenever `durationSeconds` is absent.
  const count = requests ?? 0;
  const samples: RequestSample[] = [];
  let sent = 0;
  let errors = 0;
  const more = () =>
    endsAt !== undefined
      ? clock.now() < endsAt
      : sent < count && !tooManyErrors(errors, count, settings.maxErrorRatePercent);
  const client = async () => {
    while (more()) {
      const path = paths[sent++ % paths.length];
      const sample = await sampleRequest(http, baseUrl, path, settings.requestTimeoutMs);
      samples.push(sample);
      if (sample.error !== undefined) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return samples;
}
