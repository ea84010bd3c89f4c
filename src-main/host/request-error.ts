// An error a caller caused (unknown id, bad state, forbidden): carries the HTTP status the transports answer with.
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function errorStatus(err: unknown): { status: number; message: string; internal: boolean } {
  if (err instanceof RequestError) return { status: err.status, message: err.message, internal: false };
  return { status: 500, message: 'internal error: see the PlantBridge log', internal: true };
}
