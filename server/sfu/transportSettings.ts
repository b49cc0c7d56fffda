import type { types } from 'mediasoup';

/** How a room's WebRtcTransports listen and what bitrate limits they get. */
export interface TransportSettings {
  listen: { webRtcServer: types.WebRtcServer } | { listenIps: types.TransportListenIp[] };
  maxIncomingBitrate: number;
  initialAvailableOutgoingBitrate: number;
}
