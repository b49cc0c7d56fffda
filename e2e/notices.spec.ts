import { expect, test } from '@playwright/test';
import { joinAs, tile, uniqueRoomId } from './helpers';

/* Join and leave toasts, chat previews and the active speaker's mute changes, for the eye and for screen readers. */

test('joins, leaves, chat while the chat is closed and the speaker muting are shown and announced', async ({ browser }) => {
  const roomId = uniqueRoomId('notices');
  const alice = await joinAs(browser, roomId, 'Alice');
  const notices = alice.page.getByRole('log', { name: 'Call notices' });
  const toast = (text: string) => alice.page.locator('li[data-kind]').filter({ hasText: text });

  // Alice talks alone until the server calls her the active speaker, so Bob joins while she is.
  await expect(alice.page.locator('[role="group"][data-source="camera"][data-active-speaker="true"]')).toHaveCount(1, { timeout: 15_000 });
  // Everything Bob's page ever announces, kept even after the toasts go.
  const bob = await joinAs(browser, roomId, 'Bob', undefined, {
    initScript: () => {
      const heard: string[] = ((window as unknown as { __heard: string[] }).__heard = []);
      new MutationObserver((records) => {
        for (const r of records)
          for (const node of r.addedNodes)
            if (node instanceof HTMLElement && node.closest('[aria-label="Call notices"]')) heard.push(node.textContent ?? '');
      }).observe(document, { childList: true, subtree: true });
    },
  });
  const heardByBob = () => bob.page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);
  await expect(toast('Bob joined')).toBeVisible();
  await expect(notices).toContainText('Bob joined');
  // Toasts go by themselves.
  await expect(toast('Bob joined')).toHaveCount(0, { timeout: 10_000 });

  // Only Bob's microphone is live, so he is the active speaker; then he mutes.
  await alice.page.getByRole('button', { name: 'Mute microphone' }).click();
  await expect(tile(alice.page, 'Bob')).toHaveAttribute('data-active-speaker', 'true', { timeout: 15_000 });
  await bob.page.getByRole('button', { name: 'Mute microphone' }).click();
  await expect(notices).toContainText('Bob muted their microphone');
  // Alice was talking when Bob joined: her microphone arriving on his page is not her unmuting.
  expect(await heardByBob()).not.toContain('Alice unmuted their microphone');

  // A message while Alice's chat is closed: a preview; with it open, no toast.
  await bob.page.getByRole('button', { name: 'Show chat' }).click();
  await bob.page.getByLabel('Message', { exact: true }).fill('Slides are up');
  await bob.page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(toast('Bob: Slides are up')).toBeVisible();
  await expect(notices).toContainText('Bob: Slides are up');
  // Bob does not get a toast of his own message.
  await expect(bob.page.locator('li[data-kind="chat"]')).toHaveCount(0);
  await alice.page.getByRole('button', { name: 'Show chat' }).click();
  await expect(toast('Bob: Slides are up')).toHaveCount(0);
  await bob.page.getByLabel('Message', { exact: true }).fill('Second one');
  await bob.page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(alice.page.getByRole('log', { name: 'Chat history' })).toContainText('Second one');
  await expect(toast('Bob: Second one')).toHaveCount(0);

  await bob.page.getByRole('button', { name: 'Leave meeting' }).click();
  await expect(toast('Bob left')).toBeVisible();
  await expect(notices).toContainText('Bob left');

  await Promise.all([alice.close(), bob.close()]);
});

test('alone in a call: a card with the invite link; on a phone the timer and the people count are shown too', async ({ browser }, testInfo) => {
  const roomId = uniqueRoomId('alone');
  const phone = { width: 390, height: 844 };
  const alice = await joinAs(browser, roomId, 'Alice', phone);
  const card = alice.page.getByRole('region', { name: 'Invite others' });
  await expect(card).toContainText("You’re the only one here");
  await expect(card.getByRole('button', { name: /Copy invite link/ })).toBeVisible();
  const timer = alice.page.getByRole('timer', { name: 'Meeting time' });
  await expect(timer).toBeVisible();
  await expect(timer).toHaveText(/^\d+:\d\d$/);
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first!, { timeout: 5_000 });
  await expect(alice.page.getByText('1 person')).toBeVisible();
  await alice.page.screenshot({ path: testInfo.outputPath('alone-390x844.png') });

  const bob = await joinAs(browser, roomId, 'Bob');
  await expect(card).toHaveCount(0);
  await expect(alice.page.getByText('2 people')).toBeVisible();
  // Bob joined a meeting already going: his timer counts from its start, not from his join.
  const bobSeconds = await bob.page.getByRole('timer', { name: 'Meeting time' }).textContent();
  expect(bobSeconds).not.toBe('0:00');
  await alice.page.screenshot({ path: testInfo.outputPath('two-390x844.png') });

  await Promise.all([alice.close(), bob.close()]);
});
