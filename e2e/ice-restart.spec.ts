import { execFileSync } from 'node:child_process';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { adminGet, cameraVideo, expectDecoding, joinAs, peerIdOf, uniqueRoomId } from './helpers';

/*
 * The media path breaks while signaling stays up. The firewall drops every
 * packet of the browser's current ICE paths (its end of each selected tuple,
 * both directions) and keeps dropping them, so the old paths never come back
 * by themselves: only an ICE restart, which gathers fresh candidates on new
 * ports, brings media back. Needs root for iptables, as CI has.
 */

/** MEDIASOUP_RTC_MIN_PORT..MAX_PORT of the e2e server (playwright.config.ts). */
const SERVER_RTC_PORTS = '41000:41999';

interface Tuple { remotePort: number; protocol: string }
interface Transport { id: string; direction: string; iceState: string; iceRestarts: number; iceSelectedTuple: Tuple | null }

async function transportsOf(request: APIRequestContext, roomId: string, peerId: string): Promise<Transport[]> {
  const peer = await adminGet(request, `/analytics/rooms/${roomId}/peers/${peerId}`);
  return peer.transports as Transport[];
}

/** Rules this test added, removed again whatever happens. */
class Firewall {
  readonly #rules: string[][] = [];

  /** A port or a first:last range, in both directions. */
  drop(protocol: string, ports: string): void {
    for (const match of ['--sport', '--dport']) {
      const rule = ['INPUT', '-i', 'lo', '-p', protocol, match, ports, '-j', 'DROP'];
      execFileSync('iptables', ['-I', ...rule]);
      this.#rules.push(rule);
    }
  }

  clear(): void {
    for (const rule of this.#rules.splice(0)) execFileSync('iptables', ['-D', ...rule]);
  }
}

test('a broken media path with signaling up comes back by an ICE restart: new paths, same peer, video again', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const roomId = uniqueRoomId('ice');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  const bobId = await peerIdOf(alice.page, 'Bob');

  const before = await transportsOf(request, roomId, bobId);
  expect(before).toHaveLength(2);
  for (const t of before) expect(t.iceSelectedTuple, `${t.direction} transport has a path`).not.toBeNull();

  const firewall = new Firewall();
  try {
    for (const t of before) firewall.drop(t.iceSelectedTuple!.protocol, String(t.iceSelectedTuple!.remotePort));
    // ICE would otherwise move to the TCP candidates it already holds without a
    // restart; the others' media stays on UDP, so only Bob's paths break.
    firewall.drop('tcp', SERVER_RTC_PORTS);
    const cutAt = Date.now();

    // Both of Bob's transports are restarted by his browser, and end up on new paths.
    await expect
      .poll(async () => (await transportsOf(request, roomId, bobId)).map((t) => t.iceRestarts >= 1), { timeout: 30_000 })
      .toEqual([true, true]);
    await expect
      .poll(
        async () =>
          (await transportsOf(request, roomId, bobId)).every((t) => {
            const old = before.find((b) => b.id === t.id)!;
            return t.iceSelectedTuple !== null && t.iceSelectedTuple.remotePort !== old.iceSelectedTuple!.remotePort;
          }),
        { timeout: 30_000 },
      )
      .toBe(true);
    await expectDecoding(cameraVideo(alice.page, 'Bob'));
    await expectDecoding(cameraVideo(bob.page, 'Alice'));
    console.log(`ice-restart-after-media-cut-recovery-ms ${Date.now() - cutAt}`);

    // Signaling never dropped: the same transports and the same participant.
    expect((await transportsOf(request, roomId, bobId)).map((t) => t.id).sort()).toEqual(before.map((t) => t.id).sort());
    expect(await peerIdOf(alice.page, 'Bob')).toBe(bobId);
  } finally {
    firewall.clear();
  }
  await Promise.all([alice.close(), bob.close()]);
});
