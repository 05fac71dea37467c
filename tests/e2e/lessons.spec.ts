import { test, expect } from './fixtures';
import { READY } from './labs';

/** "in 19 of 20 seeds" → [19, 20] (the first such count in the text). */
const countOf = (text: string | null) =>
	/(\d+) of (\d+) seeds/
		.exec(text ?? '')
		?.slice(1, 3)
		.map(Number) ?? null;

test('a lesson: the prediction comes first, the reveal shows the lab’s own numbers, progress survives a reload', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/capacity?lesson=capacity-double-descent&step=1');
	const panel = page.getByTestId('lesson-panel');
	await expect(panel).toBeVisible();
	await expect(page.getByTestId('lesson-step-title')).toHaveText('The shape of the curve');
	// The results are veiled and cannot be used until the learner predicts.
	await expect(page.getByTestId('lesson-veil')).toBeVisible();
	await expect(page.getByTestId('lab-results')).toHaveAttribute('inert', '');
	await expect(page.getByTestId('lesson-reveal')).toBeDisabled();
	await page.keyboard.press('3');
	await expect(page.getByTestId('lesson-reveal')).toBeEnabled();
	await page.keyboard.press('v');
	await expect(page.getByTestId('lesson-veil')).toHaveCount(0);
	const explain = page.getByTestId('lesson-explain');
	await expect(explain).toContainText('The lab found', { timeout: 60_000 });
	await expect(page.getByTestId('lesson-verdict')).toHaveText('Right.');
	// The reveal's count is the lab's own sentence's.
	const sentence = await page.getByTestId('chart-capacity-sentence').textContent();
	expect(countOf(await explain.textContent())).toEqual(countOf(sentence));
	expect(countOf(sentence)).not.toBeNull();

	// Step 2: a number on a slider; the lab's answer is the one its page states.
	await page.getByTestId('lesson-next').click();
	await expect(page).toHaveURL(/step=2/);
	await expect(page.getByTestId('lesson-reveal')).toBeDisabled();
	const slider = page.getByTestId('lesson-slider');
	await slider.focus();
	for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
	await expect(page.getByTestId('lesson-prediction')).toHaveText('p = 75');
	await page.keyboard.press('PageDown');
	await expect(page.getByTestId('lesson-answer')).toContainText('The lab: p = 42', { timeout: 60_000 });
	await expect(page.getByTestId('interpolation')).toContainText('From p = 42 on');
	await expect(page.getByTestId('prediction-line')).toBeVisible();
	await expect(page.getByTestId('lesson-verdict')).toHaveText('Not quite.');

	// Reload: the lesson, the step and both revealed predictions are still there.
	await page.reload();
	await expect(page.getByTestId('lesson-step-title')).toHaveText('Where the fit passes through every point');
	await expect(page.getByTestId('lesson-answer')).toContainText('The lab: p = 42', { timeout: 60_000 });
	await expect(page.getByTestId('lesson-panel').locator('.steps button').first()).toHaveText('✓');
	await page.getByTestId('lesson-prev').click();
	await expect(page.getByTestId('lesson-explain')).toContainText('The lab found', { timeout: 60_000 });
});

test('the quiz’s answers are computed from the run on screen: another seed, another answer', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/capacity?lesson=capacity-double-descent&step=quiz');
	const q2 = page.getByTestId('quiz-2');
	await expect(q2).toBeVisible({ timeout: 60_000 });
	await q2.locator('label').first().click();
	const first = await q2.getByTestId('quiz-answer').locator('..').textContent();
	await expect(q2.getByTestId('quiz-why')).toContainText('The table under the decomposition chart');
	// The lab's table says the same number.
	const sum = /bias² \+ variance \+ noise.*?([\d.]+)/.exec((await q2.textContent()) ?? '');
	expect(sum).not.toBeNull();
	await page.getByRole('button', { name: 'Next seed' }).click();
	await expect(q2.getByTestId('quiz-answer')).toBeVisible({ timeout: 60_000 });
	await expect.poll(async () => q2.getByTestId('quiz-answer').locator('..').textContent(), { timeout: 60_000 }).not.toBe(first);
	const table = await page.getByTestId('capacity-table').locator('tr[data-term=sum] td').textContent();
	expect(await q2.getByTestId('quiz-answer').locator('..').textContent()).toContain(table!.trim());
});

test('presenter mode: a class vote, a key reveals; embed mode hides the site navigation and copies an iframe', async ({ page, context, baseURL }) => {
	test.setTimeout(120_000);
	await page.goto('/capacity?lesson=capacity-remove-peak&step=1&present=1');
	await expect(page.getByTestId('lesson-vote')).toContainText('hands up for A, B, C');
	await page.keyboard.press('2');
	await page.keyboard.press('PageDown');
	await expect(page.getByTestId('lesson-explain')).toContainText('The lab found no peak', { timeout: 60_000 });
	await expect(page.getByTestId('lesson-verdict')).toHaveText('Right.');

	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
	await page.goto('/capacity?seeds=4&gsets=10&sets=20&embed=1');
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(page.getByRole('navigation', { name: 'Labs' })).toBeHidden();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Model capacity');
	await page.getByTestId('copy-embed').click();
	const code = await page.evaluate(() => navigator.clipboard.readText());
	expect(code).toMatch(/^<iframe src="http:\/\/[^"]+\/capacity\?[^"]*embed=1"/);
	expect(code).toContain('seeds=4');
	await page.goto('/capacity?seeds=4&gsets=10&sets=20');
	await expect(page.getByRole('navigation', { name: 'Labs' })).toBeVisible();
});

test('every lab has lessons; each first step asks before it reveals, and reveals an explanation from the run', async ({ page }) => {
	test.setTimeout(600_000);
	for (const lab of READY) {
		await page.goto(lab.path);
		await page.getByTestId('lessons-button').click();
		const menu = page.getByTestId('lessons-menu');
		await expect(menu.locator('li')).not.toHaveCount(0);
		const count = await menu.locator('li').count();
		expect(count, lab.id).toBeGreaterThanOrEqual(2);
		await menu.locator('li button').first().click();
		await expect(page.getByTestId('lesson-panel')).toBeVisible();
		await expect(page.getByTestId('lesson-veil')).toBeVisible();
		await expect(page.getByTestId('lesson-reveal')).toBeDisabled();
		const slider = page.getByTestId('lesson-slider');
		if (await slider.count()) {
			await slider.focus();
			await page.keyboard.press('ArrowRight');
		} else await page.getByTestId('lesson-panel').locator('.choice').first().click();
		await page.getByTestId('lesson-reveal').click();
		const explain = page.getByTestId('lesson-explain');
		await expect(explain, lab.id).toBeVisible({ timeout: 120_000 });
		const text = (await explain.textContent()) ?? '';
		console.log(`[lessons] ${lab.id}: ${text.slice(0, 160)}`);
		expect(text, lab.id).not.toMatch(/NaN|undefined|Infinity|null/);
	}
});

test('the instructor page lists every lesson with its goal and time, and prints on one page', async ({ page }) => {
	await page.goto('/lessons');
	await expect(page.getByTestId('lesson-count')).toContainText(/\d+ lessons in \d+ labs/);
	const rows = page.getByTestId('lesson-table').locator('tbody tr');
	expect(await rows.count()).toBeGreaterThanOrEqual(2 * READY.length);
	await expect(page.getByTestId('lesson-row-capacity-double-descent')).toContainText('12 min');
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.site-header')).toBeHidden();
	const pdf = await page.pdf({ preferCSSPageSize: true });
	const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
	console.log(`[lessons] instructor handout: ${pages} page(s)`);
	expect(pages).toBe(1);
});
