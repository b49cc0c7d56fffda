import type { Device, types } from 'mediasoup-client';
import type { IceServerInfo, MediaSource } from '@/lib/protocol';
import { iceTransportPolicy } from './icePolicy';
import { request, type ClientSocket } from './signalingClient';

/**
 * One WebRTC transport wired to signaling: DTLS connect and produce go to the
 * server; an ICE failure restarts ICE. Shared by the call, the studio and the
 * watch page.
 */
export async function createTransport(
  socket: ClientSocket,
  device: Device,
  direction: 'send' | 'recv',
  iceServers: IceServerInfo[],
  onError: (message: string, error: unknown) => void,
): Promise<types.Transport> {
  const info = await request(socket, 'create-webrtc-transport', { direction });
  const policy = iceTransportPolicy();
  const options = { ...info, iceServers, ...(policy ? { iceTransportPolicy: policy } : {}) };
  const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    request(socket, 'connect-webrtc-transport', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
  });
  transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
    request(socket, 'produce', {
      transportId: transport.id,
      kind,
      rtpParameters,
      source: appData.source as MediaSource,
      paused: Boolean(appData.paused),
    }).then(({ id }) => callback({ id }), errback);
  });
  watchIce(socket, transport, onError);
  return transport;
}

/** A short network blip recovers by itself; after this long in 'disconnected' we restart ICE. */
export const ICE_DISCONNECTED_GRACE_MS = 2000;
/** A restart that has not connected after this long is tried again. */
export const ICE_RESTART_RETRY_MS = 8000;

/**
 * ICE restart on 'failed' at once and on 'disconnected' after a short wait,
 * retried while the transport stays down. Without signaling there is nothing
 * to restart with: the resume after reconnecting calls restartIceIfDown.
 */
function watchIce(socket: ClientSocket, transport: types.Transport, onError: (message: string, error: unknown) => void): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = (delayMs: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (transport.closed || !isDown(transport.connectionState)) return;
      void restartIce(socket, transport, onError).finally(() => {
        if (!transport.closed && isDown(transport.connectionState)) schedule(ICE_RESTART_RETRY_MS);
      });
    }, delayMs);
  };
  transport.on('connectionstatechange', (state) => {
    if (state === 'failed') schedule(0);
    else if (state === 'disconnected') schedule(ICE_DISCONNECTED_GRACE_MS);
    else if (state === 'connected' && timer) {
      clearTimeout(timer);
      timer = null;
    }
  });
  transport.observer.on('close', () => timer && clearTimeout(timer));
}

const isDown = (state: string) => state === 'disconnected' || state === 'failed';

/** After signaling comes back: restart ICE on a transport whose media path is down. */
export async function restartIceIfDown(socket: ClientSocket, transport: types.Transport, onError: (message: string, error: unknown) => void) {
  if (!transport.closed && isDown(transport.connectionState)) await restartIce(socket, transport, onError);
}

async function restartIce(socket: ClientSocket, transport: types.Transport, onError: (message: string, error: unknown) => void) {
  if (!socket.connected) return;
  try {
    const { iceParameters } = await request(socket, 'restart-ice', { transportId: transport.id });
    await transport.restartIce({ iceParameters });
    console.info(`[podium] ICE restarted on the ${transport.direction} transport`);
  } catch (error) {
    onError('ICE restart failed', error);
  }
}
