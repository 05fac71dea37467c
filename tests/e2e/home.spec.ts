import { test, expect } from './fixtures';

test('home lists the labs along the lifecycle; built labs link, others say "coming"', async ({ page, consoleErrors }) => {
	void consoleErrors;
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'ML Design Lab' })).toBeVisible();
	const stages = page.locator('[data-testid^="stage-"] h2');
	await expect(stages).toHaveText(['Data', 'Model', 'Evaluation', 'Deployment', 'Monitoring']);
	const cards = page.locator('[data-testid^="lab-card-"]');
	await expect(cards).toHaveCount(6);
	for (const card of await cards.all()) {
		const link = card.getByRole('link');
		const coming = card.getByText('coming', { exact: true });
		// exactly one of: a link (built) or a "coming" badge (not built)
		expect((await link.count()) + (await coming.count())).toBe(1);
		await expect(card.locator('p')).not.toBeEmpty();
	}
	await page.getByRole('link', { name: 'Class imbalance' }).first().click();
	await expect(page).toHaveURL(/\/imbalance/);
	await expect(page.getByRole('heading', { level: 1, name: 'Class imbalance' })).toBeVisible();
});
