import type { ProbeIo } from "./probe-io";
import type { ReleaseSettings } from "./release-settings";
import { probedPaths, type RequestSample, sampleRequest } from "./request-stats";
import { tooManyErrors } from "./rollback-rules";

/**
 * Sequential GETs (so the numbers measure the app, not our own queueing): `samples` to the
 * health path, then to every critical path. Errors are counted, not fatal; the probe stops early
 * once they exceed what `maxErrorRatePercent` allows of the planned requests, because the
 * verdict is then certain and a broken slot would otherwise cost every request's timeout.
 */
export async function probeLatency(
  baseUrl: string,
  settings: ReleaseSettings,
  { http }: ProbeIo,
): Promise<RequestSample[]> {
  const paths = probedPaths(settings);
  const planned = paths.length * settings.latency.samples;
  const samples: RequestSample[] = [];
  let errors = 0;
  for (const path of paths) {
    for (let i = 0; i < settings.latency.samples; i++) {
      const sample = await sampleRequest(http, baseUrl, path, settings.requestTimeoutMs);
      samples.push(sample);
      if (sample.error !== undefined) errors++;
      if (tooManyErrors(errors, planned, settings.maxErrorRatePercent)) return samples;
    }
  }
  return samples;
}
