import type { Device, types } from 'mediasoup-client';
import type { IceServerInfo, MediaSource } from '@/lib/protocol';
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
  const options = { ...info, iceServers };
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
  transport.on('connectionstatechange', (state) => {
    if (state === 'failed') void restartIce(socket, transport, onError);
  });
  return transport;
}

async function restartIce(socket: ClientSocket, transport: types.Transport, onError: (message: string, error: unknown) => void) {
  try {
    const { iceParameters } = await request(socket, 'restart-ice', { transportId: transport.id });
    await transport.restartIce({ iceParameters });
  } catch (error) {
    onError('ICE restart failed', error);
  }
}
