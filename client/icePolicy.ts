/*
 * `?ice=relay` on a page forces every media transport through TURN
 * (`iceTransportPolicy: 'relay'`): how to check a TURN setup from a browser,
 * and how the relay-only end-to-end test behaves like a client behind a
 * firewall without direct UDP to the server.
 */

/** The policy a query string asks for; undefined leaves the browser's default ('all'). */
export function icePolicyFromSearch(search: string): RTCIceTransportPolicy | undefined {
  return new URLSearchParams(search).get('ice') === 'relay' ? 'relay' : undefined;
}

// Read when the page loads, before anything can rewrite its URL (a join link's token, say).
const policyAtLoad = typeof window === 'undefined' ? undefined : icePolicyFromSearch(window.location.search);

export function iceTransportPolicy(): RTCIceTransportPolicy | undefined {
  return policyAtLoad;
}
