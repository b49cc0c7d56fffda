/*
 * Real Socket.IO signaling on an ephemeral loopback port, over a test's real
 * RoomRegistry (see server/sfu/testing/sfuHarness), with socket.io-client
 * sockets that are all closed by close().
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, RequestName, RequestPayload, ResponseMap } from '@/lib/protocol';
import type { AppConfig } from '@/server/config';
import type { RoomRegistry } from '@/server/sfu/RoomRegistry';
import type { Signaling } from '../attachSignaling';

export const TEST_ADMIN_TOKEN = 'signaling-test-admin-token-0123456789';

export interface SignalingServer {
  url: string;
  signaling: Signaling;
  /** A connected socket (WebSocket, no reconnection); rejects with the connect_error. */
  open(): Promise<Socket>;
  /** Sends a request and resolves with its acknowledgement, whatever it says. */
  ask<K extends RequestName>(socket: Socket, name: K, payload: RequestPayload<K>): Promise<Ack<ResponseMap[K]>>;
  close(): Promise<void>;
}

export async function startSignaling(rooms: RoomRegistry, config: AppConfig): Promise<SignalingServer> {
  // Loaded here, not at the top: mediasoup must be imported after the harness set its env.
  const { attachSignaling } = await import('../attachSignaling');
  const server = http.createServer();
  const signaling = attachSignaling(server, { config, rooms, sessions: null, nodeId: 'signaling-test' }, TEST_ADMIN_TOKEN);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sockets: Socket[] = [];
  return {
    url,
    signaling,
    open: () => {
      const socket = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    },
    ask: (socket, name, payload) => socket.timeout(10_000).emitWithAck(name, payload),
    close: async () => {
      for (const socket of sockets.splice(0)) socket.disconnect();
      await signaling.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
