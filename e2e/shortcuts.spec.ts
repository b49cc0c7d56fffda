import { expect, test, type Page } from '@playwright/test';
import { joinAs, tile, uniqueRoomId } from './helpers';

/* Keyboard shortcuts as in Meet and Jitsi, seen from the other side of the call. */

const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

test('shortcuts toggle mic, camera, panels and layout; Space talks while muted; none fire while typing', async ({ browser }) => {
  const roomId = uniqueRoomId('keys');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  const page = alice.page;
  const aliceOnBob = tile(bob.page, 'Alice');
  const muted = aliceOnBob.getByRole('img', { name: 'Alice is muted' });
  await expect(aliceOnBob).toBeVisible();
  await expect(muted).toHaveCount(0);
  // The tooltip says the shortcut.
  await expect(page.getByRole('button', { name: 'Mute microphone' })).toHaveAttribute('title', 'Mute microphone (M)');

  await blur(page);
  await page.keyboard.press('m');
  await expect(muted).toBeVisible();
  await page.keyboard.press('Control+d');
  await expect(muted).toHaveCount(0);
  await page.keyboard.press('v');
  await expect(aliceOnBob.getByRole('img', { name: "Alice's camera is off" })).toBeVisible();
  await page.keyboard.press('Control+e');
  await expect(aliceOnBob.getByRole('img', { name: "Alice's camera is off" })).toHaveCount(0);

  // Push-to-talk: muted, Space held unmutes, let go mutes again.
  await page.keyboard.press('m');
  await expect(muted).toBeVisible();
  await page.keyboard.down('Space');
  await expect(muted).toHaveCount(0);
  await page.keyboard.up('Space');
  await expect(muted).toBeVisible();

  await page.keyboard.press('l');
  await expect(page.getByRole('button', { name: 'Switch to grid layout' })).toBeVisible();
  await page.keyboard.press('l');
  await expect(page.getByRole('button', { name: 'Switch to speaker layout' })).toBeVisible();
  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Hide participants' })).toBeVisible();
  await page.keyboard.press('c');
  const field = page.getByLabel('Message', { exact: true });
  await expect(field).toBeVisible();

  // Typing is words, not shortcuts.
  await field.click();
  await page.keyboard.type('m v c l ');
  await expect(field).toHaveValue('m v c l ');
  await expect(muted).toBeVisible();
  await expect(field).toBeVisible();
  await expect(page.getByRole('button', { name: 'Switch to speaker layout' })).toBeVisible();

  await Promise.all([alice.close(), bob.close()]);
});

test('"?" lists the shortcuts, and the leave shortcut asks first', async ({ browser }) => {
  const roomId = uniqueRoomId('keys-help');
  const alice = await joinAs(browser, roomId, 'Alice');
  const page = alice.page;
  await blur(page);
  await page.keyboard.press('Shift+?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Mute or unmute the microphone');
  await expect(help).toContainText('Talk while muted');
  // Keys pressed with the dialog open are not shortcuts.
  await page.keyboard.press('m');
  await expect(page.getByRole('button', { name: 'Mute microphone' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await blur(page);
  await page.keyboard.press('Control+Shift+H');
  const confirm = page.getByRole('dialog', { name: 'Leave the meeting?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Stay' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Leave meeting' })).toBeVisible();

  await blur(page);
  await page.keyboard.press('Control+Shift+H');
  await page.getByRole('dialog', { name: 'Leave the meeting?' }).getByRole('button', { name: 'Leave' }).click();
  await expect(page.getByRole('button', { name: 'Rejoin' })).toBeVisible();

  await alice.close();
});
