import type http from 'node:http';
import { AppError } from '@/lib/protocol';
import { log } from '@/server/log';
import { sameToken } from './adminAuth';
import { clearedSessionCookie, createSessionValue, sessionCookie } from './adminSession';
import { isAllowedOrigin } from './origin';

const MAX_FORM_BYTES = 4096;

export const SIGN_IN_PATH = '/analytics/sign-in';

function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(new AppError('invalid_payload', 'Form too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/** Behind a TLS proxy the cookie must be Secure; on plain http://localhost it can't be. */
function isSecure(req: http.IncomingMessage): boolean {
  return req.headers['x-forwarded-proto'] === 'https' || Boolean((req.socket as { encrypted?: boolean }).encrypted);
}

function redirect(res: http.ServerResponse, location: string, cookie?: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', ...(cookie ? { 'set-cookie': cookie } : {}) });
  res.end();
}

/** POST /analytics/session (the sign-in form) and POST /analytics/sign-out. */
export async function handleSignIn(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
  options: { adminToken: string; allowedOrigins: readonly string[] },
): Promise<void> {
  if (req.method !== 'POST') throw new AppError('invalid_payload', 'Use POST');
  // SameSite=Strict covers the cookie; this keeps other sites from posting the form at all.
  if (!isAllowedOrigin(req.headers.origin, req.headers.host, options.allowedOrigins)) {
    throw new AppError('forbidden', 'Origin not allowed');
  }
  const secure = isSecure(req);
  if (pathname === '/analytics/sign-out') return redirect(res, `${SIGN_IN_PATH}?signed-out=1`, clearedSessionCookie(secure));
  const token = (await readForm(req)).get('token')?.trim() ?? '';
  if (!token || !sameToken(token, options.adminToken)) {
    log.warn('admin', 'analytics sign-in refused', { address: req.socket.remoteAddress });
    return redirect(res, `${SIGN_IN_PATH}?error=wrong-token`);
  }
  redirect(res, '/analytics', sessionCookie(createSessionValue(options.adminToken), secure));
}
