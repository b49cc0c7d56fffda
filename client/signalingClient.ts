import { io, type Socket } from 'socket.io-client';
import {
  AppError,
  type Ack,
  type ClientToServerEvents,
  type RequestName,
  type RequestPayload,
  type ResponseMap,
  type ServerToClientEvents,
} from '@/lib/protocol';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const REQUEST_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 8_000;

/** Opens the signaling socket to this page's origin; WebSocket first, long-polling as fallback. */
export function openSocket(): ClientSocket {
  return io({ transports: ['websocket', 'polling'], autoConnect: false, reconnectionDelayMax: 3000 });
}

export function waitForConnect(socket: ClientSocket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('timeout')), CONNECT_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', fail);
    };
    const onConnect = () => {
      done();
      resolve();
    };
    function fail(error: Error) {
      done();
      console.info(`[podium] signaling connection failed: ${error.message}`);
      reject(new AppError('unavailable', 'The meeting server did not answer. It may be restarting, or this device may be offline.'));
    }
    socket.on('connect', onConnect);
    socket.on('connect_error', fail);
    socket.connect();
  });
}

/** Sends a request and resolves with its data, or throws the server's error as an AppError. */
export async function request<K extends RequestName>(
  socket: ClientSocket,
  name: K,
  payload: RequestPayload<K>,
): Promise<ResponseMap[K]> {
  let response: Ack<ResponseMap[K]>;
  try {
    // Socket.IO's typings can't express an ack-last event map through timeout(); the map above still types callers.
    const timed = socket.timeout(REQUEST_TIMEOUT_MS) as unknown as {
      emitWithAck(event: K, payload: RequestPayload<K>): Promise<Ack<ResponseMap[K]>>;
    };
    response = await timed.emitWithAck(name, payload);
  } catch {
    throw new AppError('unavailable', `The server did not answer "${name}" in time`);
  }
  if (!response.ok) throw new AppError(response.error.code, response.error.message);
  return response.data;
}
