import { expect, test } from '@playwright/test';
import { cameraVideo, expectDecoding, joinAs, tile, uniqueRoomId } from './helpers';

test('the active speaker is highlighted, the participant list shows mute state, chat reaches others', async ({ browser }) => {
  const roomId = uniqueRoomId('features');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');

  // Only Alice's microphone is live, so the SFU's audio level observer picks her.
  await bob.page.getByRole('button', { name: 'Mute microphone' }).click();
  await expect(tile(bob.page, 'Alice')).toHaveAttribute('data-active-speaker', 'true', { timeout: 15_000 });
  await expect(tile(alice.page, 'Bob')).not.toHaveAttribute('data-active-speaker', 'true');

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

  await Promise.all([alice.close(), bob.close()]);
});

test('a shared screen appears as its own tile for the others', async ({ browser }) => {
  const roomId = uniqueRoomId('screen');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  await expectDecoding(cameraVideo(bob.page, 'Alice'));

  await alice.page.getByRole('button', { name: 'Share screen' }).click();
  await expect(alice.page.getByRole('button', { name: 'Stop sharing screen' })).toBeVisible();
  const screen = bob.page.getByRole('group', { name: 'Screen shared by Alice' });
  await expectDecoding(screen.getByLabel("Alice's screen"));
  // The camera goes on beside it.
  await expectDecoding(cameraVideo(bob.page, 'Alice'));

  await alice.page.getByRole('button', { name: 'Stop sharing screen' }).click();
  await expect(screen).toHaveCount(0);

  await Promise.all([alice.close(), bob.close()]);
});
