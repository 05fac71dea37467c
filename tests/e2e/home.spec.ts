import { test, expect } from './fixtures';
import { LABS } from './labs';
import { STAGES } from '../../src/lib/labs/manifest';

test('home lists the labs along the lifecycle; built labs link, others say "coming"', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'ML Design Lab' })).toBeVisible();
	const stages = page.locator('[data-testid^="stage-"] h2');
	await expect(stages).toHaveText(STAGES.map((s) => s.title));
	const cards = page.locator('[data-testid^="lab-card-"]');
	await expect(cards).toHaveCount(LABS.length);
	for (const card of await cards.all()) {
		const link = card.getByRole('link');
		const coming = card.getByText('coming', { exact: true });
		// exactly one of: a link (built) or a "coming" badge (not built)
		expect((await link.count()) + (await coming.count())).toBe(1);
		await expect(card.locator('p')).not.toBeEmpty();
	}
	// Every built lab opens from its card with its title and lede from the registry.
	for (const lab of LABS.filter((l) => l.ready)) {
		await page.goto('/');
		await page.getByTestId(`lab-card-${lab.id}`).getByRole('link').click();
		await expect(page).toHaveURL(new RegExp(`${lab.path}(\\?|$)`));
		await expect(page.getByRole('heading', { level: 1, name: lab.title })).toBeVisible();
		await expect(page.locator('.lede')).toHaveText(lab.lede);
	}
});
