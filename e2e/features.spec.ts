import { expect, test } from '@playwright/test';
import { adminGet, cameraVideo, expectDecoding, joinAs, peakAudioLevel, peerIdOf, pictureCropped, tile, uniqueRoomId } from './helpers';

test('the active speaker is highlighted, the participant list shows mute state, chat reaches others', async ({ browser }) => {
  const roomId = uniqueRoomId('features');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');

  // Only Alice's microphone is live, so the SFU's dominant-speaker observer picks her.
  await bob.page.getByRole('button', { name: 'Mute microphone' }).click();
  await expect(tile(bob.page, 'Alice')).toHaveAttribute('data-active-speaker', 'true', { timeout: 15_000 });
  await expect(tile(alice.page, 'Bob')).not.toHaveAttribute('data-active-speaker', 'true');
  // Swap who talks: detection follows the audio, not the join order.
  await alice.page.getByRole('button', { name: 'Mute microphone' }).click();
  await bob.page.getByRole('button', { name: 'Unmute microphone' }).click();
  await expect(tile(alice.page, 'Bob')).toHaveAttribute('data-active-speaker', 'true', { timeout: 15_000 });
  await expect(tile(bob.page, 'Alice')).not.toHaveAttribute('data-active-speaker', 'true');
  await alice.page.getByRole('button', { name: 'Unmute microphone' }).click();
  await bob.page.getByRole('button', { name: 'Mute microphone' }).click();

  await alice.page.getByRole('button', { name: 'Show participants' }).click();
  const people = alice.page.getByRole('complementary', { name: 'Participants' });
  await expect(people.getByRole('heading', { name: 'Participants (2)' })).toBeVisible();
  await expect(people.getByRole('img', { name: 'Bob is muted' })).toBeVisible();
  await expect(people.getByText('Alice (you)')).toBeVisible();

  await alice.page.getByRole('button', { name: 'Show chat' }).click();
  await alice.page.getByLabel('Message', { exact: true }).fill('Hello from Alice');
  await alice.page.getByLabel('Message', { exact: true }).press('Enter');
  await bob.page.getByRole('button', { name: 'Show chat' }).click();
  await expect(bob.page.getByRole('log', { name: 'Chat history' }).getByText('Hello from Alice')).toBeVisible();
  // With the side panel open the tiles are narrower: the picture is letterboxed, not cropped.
  expect(await pictureCropped(cameraVideo(bob.page, 'Alice'))).toBe(false);

  // Someone who joins late reads the meeting's chat so far.
  const carol = await joinAs(browser, roomId, 'Carol');
  await carol.page.getByRole('button', { name: 'Show chat' }).click();
  await expect(carol.page.getByRole('log', { name: 'Chat history' }).getByText('Hello from Alice')).toBeVisible();

  // Web links are links that open apart from the call; a javascript: "link" stays text.
  await alice.page.getByLabel('Message', { exact: true }).fill('Notes: https://example.org/notes?id=7. Not this: javascript:alert(1)');
  await alice.page.getByLabel('Message', { exact: true }).press('Enter');
  const log = bob.page.getByRole('log', { name: 'Chat history' });
  const link = log.getByRole('link', { name: 'https://example.org/notes?id=7' });
  await expect(link).toHaveAttribute('href', 'https://example.org/notes?id=7');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(log.getByText('javascript:alert(1)', { exact: false })).toBeVisible();
  await expect(log.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(log.getByRole('link')).toHaveCount(1);

  await Promise.all([alice.close(), bob.close(), carol.close()]);
});

test('a shared screen goes on the stage for the others; the presenter sees a presenting bar, not a mirror', async ({ browser }) => {
  const roomId = uniqueRoomId('screen');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  await expect(bob.page.getByRole('button', { name: 'Switch to speaker layout' })).toBeVisible();

  await alice.page.getByRole('button', { name: 'Share screen' }).click();
  await expect(alice.page.getByRole('button', { name: 'Stop sharing screen' })).toBeVisible();
  const screen = bob.page.getByRole('group', { name: 'Screen shared by Alice' });
  await expectDecoding(screen.getByLabel("Alice's screen"));
  // Bob's view changed by itself: speaker layout, the share large, cameras in the filmstrip.
  await expect(bob.page.getByRole('button', { name: 'Switch to grid layout' })).toBeVisible();
  const strip = bob.page.getByRole('list', { name: 'Other participants' });
  await expect(strip.getByRole('group', { name: 'Alice', exact: true })).toBeVisible();
  const screenBox = (await screen.boundingBox())!;
  const cameraBox = (await tile(bob.page, 'Alice').boundingBox())!;
  expect(screenBox.width).toBeGreaterThan(3 * cameraBox.width);
  expect(await pictureCropped(screen.getByLabel("Alice's screen"))).toBe(false);
  await expectDecoding(cameraVideo(bob.page, 'Alice'));

  // Alice sees that she is presenting, and no tile of her own screen.
  const bar = alice.page.getByRole('status').filter({ hasText: 'You are presenting to everyone' });
  await expect(bar).toBeVisible();
  await expect(alice.page.getByLabel("Alice's screen")).toHaveCount(0);
  await bar.getByRole('button', { name: 'Stop presenting' }).click();
  await expect(bar).toHaveCount(0);
  await expect(alice.page.getByRole('button', { name: 'Share screen' })).toBeVisible();

  // The share gone, Bob is back in the grid he had.
  await expect(screen).toHaveCount(0);
  await expect(bob.page.getByRole('button', { name: 'Switch to speaker layout' })).toBeVisible();

  await Promise.all([alice.close(), bob.close()]);
});

test('switching the microphone mid-call keeps the same producer and the audio flowing', async ({ browser, request }) => {
  const roomId = uniqueRoomId('switch');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  const aliceId = await peerIdOf(bob.page, 'Alice');
  const micOf = async () =>
    (await adminGet(request, `/analytics/rooms/${roomId}/producers`)).producers.find((p: any) => p.peerId === aliceId && p.source === 'mic');
  await expect.poll(async () => (await micOf())?.id).toBeTruthy();
  const before = await micOf();

  await alice.page.getByRole('button', { name: 'Settings' }).click();
  const select = alice.page.getByRole('dialog', { name: 'Settings' }).getByLabel('Microphone');
  const options = await select.locator('option:not([disabled])').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
  expect(options.length).toBeGreaterThan(1);
  const next = options.find((value) => value !== '' && value !== options[0])!;
  await select.selectOption(next);
  await expect(select).toHaveValue(next);
  // (Next adds an empty role=alert route announcer; our failure notices start with "Could not".)
  await expect(alice.page.getByRole('alert').filter({ hasText: 'Could not' })).toHaveCount(0);

  const after = await micOf();
  expect(after.id).toBe(before.id);
  expect(after.paused).toBe(false);
  expect(await peakAudioLevel(bob.page, aliceId)).toBeGreaterThan(0.01);

  await Promise.all([alice.close(), bob.close()]);
});

test('leaving ends the call for that person and removes them for the others', async ({ browser, request }) => {
  const roomId = uniqueRoomId('leave');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  await expect(tile(alice.page, 'Bob')).toBeVisible();

  await bob.page.getByRole('button', { name: 'Leave meeting' }).click();
  await expect(bob.page.getByRole('heading', { name: 'You left the meeting' })).toBeVisible();
  await expect(tile(alice.page, 'Bob')).toHaveCount(0);
  const room = await adminGet(request, `/analytics/rooms/${roomId}`);
  expect(room.peers.map((p: any) => p.displayName)).toEqual(['Alice']);
  expect(room.consumerCount).toBe(0);

  // Rejoin from the same page.
  await bob.page.getByRole('button', { name: 'Rejoin' }).click();
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  await expectDecoding(cameraVideo(alice.page, 'Bob'));

  await Promise.all([alice.close(), bob.close()]);
});

test('on a phone-sized screen the call fits: remote video plays and every control is on screen', async ({ browser }) => {
  const roomId = uniqueRoomId('phone');
  const alice = await joinAs(browser, roomId, 'Alice');
  const phone = { width: 390, height: 800 };
  const bob = await joinAs(browser, roomId, 'Bob', phone);
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  // Alice's 16:9 camera in a phone's tall tile is letterboxed, not cropped.
  expect(await pictureCropped(cameraVideo(bob.page, 'Alice'))).toBe(false);

  const controls = bob.page.getByRole('region', { name: 'Call controls' }).getByRole('button');
  const count = await controls.count();
  expect(count).toBeGreaterThanOrEqual(6);
  for (let i = 0; i < count; i++) {
    const box = (await controls.nth(i).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(phone.width);
    expect(box.y + box.height).toBeLessThanOrEqual(phone.height);
    // Big enough to tap.
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(32);
  }
  await bob.page.getByRole('button', { name: 'Mute microphone' }).click();
  await expect(tile(alice.page, 'Bob').getByRole('img', { name: 'Bob is muted' })).toBeVisible();

  await Promise.all([alice.close(), bob.close()]);
});
