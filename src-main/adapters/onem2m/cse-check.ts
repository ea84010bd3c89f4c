// "Test connection" of the oneM2M uplink: one bounded retrieve of the CSEBase. Some CSEs refuse that to non-admin
// AEs (ACME: 4103) while being perfectly reachable, so then our own AE is retrieved instead.
import type { UplinkTestResult } from '../../contract/index.js';
import { createHttpBinding, type HttpBinding } from './http-binding.js';
import { isSuccess, RSC, rscText } from './resources.js';

export interface CseCheck {
  id: string;
  /** The uplink's binding when started, else a short-lived one is made. */
  http: HttpBinding | null;
  opts: { cseUrl: string; cseBase: string; rvi: string; requestTimeoutMs: number };
  origin: string;
  /** Our AE's path once registered, else null. */
  aePath: string | null;
}

export async function checkCse(c: CseCheck): Promise<UplinkTestResult> {
  const started = Date.now();
  const http = c.http ?? createHttpBinding({ baseUrl: c.opts.cseUrl, rvi: c.opts.rvi, timeoutMs: c.opts.requestTimeoutMs });
  const result = (ok: boolean, message: string): UplinkTestResult => ({ id: c.id, ok, message, durationMs: Date.now() - started });
  const base = `/${c.opts.cseBase}`;
  try {
    const res = await http.send({ method: 'GET', path: base, origin: c.origin });
    if (isSuccess(res.rsc)) return result(true, `CSE answered ${rscText(res.rsc)} for ${base}`);
    if (res.rsc === RSC.noPermission && c.aePath !== null) {
      const ae = await http.send({ method: 'GET', path: c.aePath, origin: c.origin });
      if (isSuccess(ae.rsc)) return result(true, `CSE reachable; our AE ${c.aePath} answered ${rscText(ae.rsc)}`);
    }
    return result(false, `CSE reachable but answered ${rscText(res.rsc)} for ${base}`);
  } catch (err) {
    return result(false, (err as Error).message);
  } finally {
    if (http !== c.http) http.close();
  }
}
