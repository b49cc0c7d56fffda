import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import WebSocket from 'ws';
import { localServerEnv, removeDatabase, ROOT } from './localServer';

/*
 * The churn and fault scripts' view of a real server they started: the node
 * process itself (tsx as a loader, so a signal reaches the server and its pid
 * is the server's), its inspector for a forced GC, the admin REST API and
 * /metrics, the sockets its mediasoup workers hold, and its database.
 */

export interface ProbedServerOptions {
  port: number;
  /** SQLite file; deleted with its WAL files before start when `fresh`. */
  databaseFile: string;
  adminToken: string;
  rtcPorts: [number, number];
  /** 0: no inspector (no forced GC). */
  inspectorPort: number;
  env?: Record<string, string>;
  fresh?: boolean;
}

export interface ProbedServer {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  readonly options: ProbedServerOptions;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}


export function startProbedServer(options: ProbedServerOptions): ProbedServer {
  if (options.fresh) removeDatabase(options.databaseFile);
  const execArgv = ['--import', 'tsx'];
  if (options.inspectorPort) execArgv.unshift(`--inspect=127.0.0.1:${options.inspectorPort}`);
  const child = spawn(process.execPath, [...execArgv, 'server.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'pipe'],
    env: localServerEnv(options, { NODE_ENV: 'production', ...options.env }),
  });
  // The inspector announces itself on stderr; everything else is the server's own and goes through.
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    const rest = text
      .split('\n')
      .filter((line) => !/^(Debugger listening on|Debugger attached|Debugger ending on|Waiting for the debugger|For help, see: https:\/\/nodejs.org\/en\/docs\/inspector)/.test(line))
      .join('\n');
    if (rest.trim()) process.stderr.write(rest.endsWith('\n') ? rest : `${rest}\n`);
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  return { baseUrl: `http://localhost:${options.port}`, child, options, exited };
}

export async function waitHealthy(server: ProbedServer, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (server.child.exitCode !== null) throw new Error(`the server exited with code ${server.child.exitCode} before it was healthy`);
    const status = await fetch(`${server.baseUrl}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await sleep(250);
  }
  throw new Error(`${server.baseUrl}/api/health did not answer within ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export async function stopProbedServer(server: ProbedServer, graceMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs);
    const result = await server.exited;
    clearTimeout(timer);
    return result;
  }
  return server.exited;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---- the admin REST API and /metrics -----------------------------------------

/**
 * GET with a connection of its own that closes after the answer (no keep-alive
 * pool), so a measurement leaves no socket of its own open in the server.
 */
function getOnce(server: ProbedServer, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      `${server.baseUrl}${path}`,
      { agent: false, headers: { Authorization: `Bearer ${server.options.adminToken}` } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

export async function adminGet<T>(server: ProbedServer, path: string): Promise<T> {
  const { status, body } = await getOnce(server, path);
  if (status !== 200) throw new Error(`GET ${path}: HTTP ${status}`);
  return JSON.parse(body) as T;
}

export interface ServerOverviewLite {
  workers: { index: number; pid: number; alive: boolean }[];
  totals: { workers: number; routers: number; transports: number; producers: number; consumers: number; rooms: number; peers: number };
}

export interface RoomSummaryLite {
  id: string;
  workerIndex: number;
  workerPid: number;
  peerCount: number;
}

/** Sum of every sample of one metric family in Prometheus text (all label sets). */
export function metricSum(text: string, name: string): number | undefined {
  let sum: number | undefined;
  const pattern = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+(\\S+)`);
  for (const line of text.split('\n')) {
    const match = pattern.exec(line);
    if (match) sum = (sum ?? 0) + Number(match[1]);
  }
  return sum;
}

export async function metricsText(server: ProbedServer): Promise<string> {
  const { status, body } = await getOnce(server, '/metrics');
  if (status !== 200) throw new Error(`GET /metrics: HTTP ${status}`);
  return body;
}

// ---- sockets and descriptors, from /proc -------------------------------------

/** Socket inodes of the kernel's tables: which are UDP, which TCP (and which of those listen). */
function socketTable(): Map<string, 'udp' | 'tcp-listen' | 'tcp'> {
  const table = new Map<string, 'udp' | 'tcp-listen' | 'tcp'>();
  for (const [file, kind] of [['udp', 'udp'], ['udp6', 'udp'], ['tcp', 'tcp'], ['tcp6', 'tcp']] as const) {
    let text: string;
    try {
      text = readFileSync(`/proc/net/${file}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      // st 0A is LISTEN; the inode is the tenth column.
      table.set(cols[9]!, kind === 'tcp' && cols[3] === '0A' ? 'tcp-listen' : kind);
    }
  }
  return table;
}

export interface SocketCounts {
  udp: number;
  tcpListening: number;
  tcpOther: number;
  fds: number;
}

/** What the processes hold: their open descriptors, and the UDP / TCP sockets among them. */
export function socketCounts(pids: number[]): SocketCounts {
  const table = socketTable();
  const counts: SocketCounts = { udp: 0, tcpListening: 0, tcpOther: 0, fds: 0 };
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      counts.fds++;
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      const kind = inode ? table.get(inode) : undefined;
      if (kind === 'udp') counts.udp++;
      else if (kind === 'tcp-listen') counts.tcpListening++;
      else if (kind === 'tcp') counts.tcpOther++;
    }
  }
  return counts;
}

// ---- the inspector: forced GC and heap use -------------------------------------

/** Chrome DevTools Protocol over the server's --inspect port: collect garbage, then read the heap. */
export async function forcedGcHeapUsed(server: ProbedServer): Promise<number> {
  const port = server.options.inspectorPort;
  if (!port) throw new Error('the server was started without an inspector');
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error('the inspector lists no target');
  const ws = new WebSocket(url);
  await once(ws, 'open');
  let nextId = 1;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
        if (message.id !== id) return;
        ws.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result ?? {});
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method }));
    });
  try {
    // Twice: the first pass frees what finalizers and weak references were holding for the second.
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return Number(usage.usedSize);
  } finally {
    ws.close();
  }
}

// ---- the database ---------------------------------------------------------------

export interface SessionCounts {
  total: number;
  open: number;
}

/** Session rows, read with the project's Prisma client (its own connection, closed after). */
export async function sessionCounts(databaseFile: string): Promise<SessionCounts> {
  const { createPrismaClient } = await import('@/server/db/client');
  const prisma = createPrismaClient(`file:${databaseFile}`);
  try {
    const [total, open] = await Promise.all([prisma.participantSession.count(), prisma.participantSession.count({ where: { leftAt: null } })]);
    return { total, open };
  } finally {
    await prisma.$disconnect();
  }
}
