import { expect, test } from '@playwright/test';

/* Dead links are 404s with a page that says what is wrong and leads home. */

test('an unknown path is a 404 with the branded page and a way home', async ({ page, baseURL }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('/no-such-page');
  await page.getByRole('link', { name: 'Back to home' }).click();
  await expect(page).toHaveURL(`${baseURL}/`);
});

test('a meeting or stream link with an impossible id is a 404 that says why', async ({ page }) => {
  const room = await page.goto('/room/not%20a%20room!');
  expect(room?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Invalid meeting link' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('“not a room!” is not a valid room id');
  // Nothing of the call loaded: no pre-join form, no camera asked for.
  await expect(page.getByLabel('Your name')).toHaveCount(0);

  for (const section of ['studio', 'watch']) {
    const stream = await page.goto(`/${section}/${'s'.repeat(100)}`);
    expect(stream?.status(), section).toBe(404);
    await expect(page.getByRole('heading', { name: 'Invalid stream id' })).toBeVisible();
  }
  // A valid id is still a page.
  expect((await page.goto('/room/valid-room'))?.status()).toBe(200);
  await expect(page.getByLabel('Your name')).toBeVisible();
});
