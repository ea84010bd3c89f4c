// How a failed request reads on the Commands page: a backend without the feature says so plainly.
export function requestErrorText(what: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/HTTP 404|HTTP 501|not found|unknown request/i.test(msg)) return `${what} is not available from this PlantBridge (${msg}).`;
  return `${what} could not be loaded: ${msg}`;
}
