/**
 * The simulator reaches the skill without Alexa's signature, so it must only ever answer this
 * computer. A loopback address alone is not enough: HTTPS tunnels (ngrok, cloudflared) connect
 * from loopback too, so anything forwarded, addressed to another host name, or sent by a page
 * from another origin is refused as well.
 */
import type { NextFunction, Request, Response } from 'express';

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'cf-connecting-ip', 'true-client-ip'];

export interface RequestOrigin {
  remoteAddress: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/** Undefined when the request comes straight from this computer; otherwise why it does not. */
export function whyNotLocal(request: RequestOrigin): string | undefined {
  const address = request.remoteAddress ?? '';
  if (!LOOPBACK_ADDRESSES.has(address) && !address.startsWith('127.')) return `from ${address || 'an unknown address'}`;
  const forwarded = FORWARDING_HEADERS.find((name) => request.headers[name] !== undefined);
  if (forwarded) return `forwarded (${forwarded})`;
  const host = hostName(String(request.headers.host ?? ''));
  if (!isLocalHostName(host)) return `addressed to ${host || 'no host'}`;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originHost = '';
    try {
      originHost = new URL(String(origin)).hostname;
    } catch {
      // An unparsable origin is treated as foreign.
    }
    if (!isLocalHostName(originHost.replace(/^\[|\]$/g, ''))) return `sent by a page from ${origin}`;
  }
  return undefined;
}

export function localOnly(req: Request, res: Response, next: NextFunction): void {
  const reason = whyNotLocal({ remoteAddress: req.socket.remoteAddress, headers: req.headers });
  if (!reason) {
    next();
    return;
  }
  res.status(403).type('text/plain').send(`The device simulator only answers this computer (request ${reason}).\n`);
}

function hostName(hostHeader: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(hostHeader);
  if (bracketed) return bracketed[1];
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

function isLocalHostName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
