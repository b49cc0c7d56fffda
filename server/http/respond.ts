import type http from 'node:http';
import { AppError, toErrorBody } from '@/lib/protocol';

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: http.ServerResponse, error: unknown): void {
  const status = error instanceof AppError ? error.status : 500;
  sendJson(res, status, { error: toErrorBody(error) });
}
