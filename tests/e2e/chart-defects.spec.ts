import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { READY } from './labs';

/**
 * Charts and tables that were present but unreadable (issue 26, item 8: an outside review), checked by geometry in
 * the browser: a hidden series, labels on the data or past the chart's edge, cut axis titles, tables wider than their
 * panel or the page, presenter-mode text too small or overlapping.
 */

/** Each lab at its manifest's light settings (quick to finish). */
const LABS = READY.map((l) => `${l.path}?${l.checks.light}`);
const SWEEP = '/compression?width=16&ntrain=1000&epochs=3&ftepochs=1&sweep=sparsity:0,0.25,0.5,0.75,0.9/3&metrics=accuracy,drop';

/** Wait until a lab has drawn its charts and finished its run. */
async function settled(page: Page): Promise<void> {
	await expect(page.locator('figure.chart svg').first()).toBeVisible({ timeout: 120_000 });
	const progress = page.getByTestId('progress-text');
	if (await progress.count()) await expect(progress).toHaveText(/\b([\d,]+) \/ \1\b/, { timeout: 120_000 });
	await expect(page.locator('.run-status')).toHaveCount(0, { timeout: 120_000 });
	await page.waitForTimeout(800); // the last frame's charts
}

interface TextIssue {
	chart: string;
	text: string;
	problem: string;
}

/** Every text of every chart: inside its SVG; axis titles not shortened; (presenter) at least `minFont` px, tick labels apart. */
async function chartTextIssues(page: Page, minFont = 0): Promise<TextIssue[]> {
	return page.evaluate((minFont) => {
		const issues: Array<{ chart: string; text: string; problem: string }> = [];
		const name = (el: Element) => el.closest('[data-testid]')?.getAttribute('data-testid') ?? el.closest('figure')?.querySelector('h3')?.textContent ?? '?';
		for (const svg of document.querySelectorAll('figure.chart svg')) {
			const box = svg.getBoundingClientRect();
			if (box.width === 0) continue;
			for (const t of svg.querySelectorAll('text')) {
				const b = t.getBoundingClientRect();
				if (b.width === 0) continue;
				const shown = t.querySelectorAll('tspan').length ? [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ') : (t.textContent ?? '');
				const where = { chart: name(svg), text: shown };
				if (b.left < box.left - 1 || b.right > box.right + 1 || b.top < box.top - 1 || b.bottom > box.bottom + 1)
					issues.push({
						...where,
						problem: `outside its SVG by ${Math.round(Math.max(box.left - b.left, b.right - box.right, box.top - b.top, b.bottom - box.bottom))} px`
					});
				const full = t.querySelector('title')?.textContent;
				if (t.matches('.axis .label') && full && shown !== full) issues.push({ ...where, problem: `axis title shortened from "${full}"` });
				if (minFont && t.closest('.axis') && parseFloat(getComputedStyle(t).fontSize) < minFont)
					issues.push({ ...where, problem: `${getComputedStyle(t).fontSize} < ${minFont}px` });
			}
			// Tick labels of one axis never overlap.
			for (const axis of svg.querySelectorAll('g.axis')) {
				const boxes = [...axis.querySelectorAll(':scope > text')].map((t) => ({ t: t.textContent ?? '', b: t.getBoundingClientRect() }));
				for (let i = 0; i < boxes.length; i++)
					for (let j = i + 1; j < boxes.length; j++) {
						const [p, q] = [boxes[i].b, boxes[j].b];
						if (Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1)
							issues.push({ chart: name(svg), text: `${boxes[i].t} / ${boxes[j].t}`, problem: 'tick labels overlap' });
					}
			}
		}
		return issues;
	}, minFont);
}

/** Every table: no wider than the page; one wider than its box scrolls inside it, its caption in view at either end. */
async function tableIssues(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const out: string[] = [];
		const vw = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth > vw) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
		for (const table of document.querySelectorAll('main table')) {
			const id = table.getAttribute('data-testid') ?? table.querySelector('caption')?.textContent?.slice(0, 40) ?? 'table';
			if (table.getBoundingClientRect().width === 0) continue;
			// The scroller: the table itself (phones) or its wrapper.
			const scroller = [table, table.parentElement!].find((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX));
			const box = (scroller ?? table).getBoundingClientRect();
			if (box.right > vw + 0.5) out.push(`${id}: its box ends at ${Math.round(box.right)} px, past the page (${vw})`);
			if (!scroller) {
				if (table.scrollWidth > table.getBoundingClientRect().width + 1) out.push(`${id}: wider than its box and does not scroll`);
				continue;
			}
			if (scroller.scrollWidth <= scroller.clientWidth + 1) continue;
			if (!getComputedStyle(scroller).backgroundImage.includes('gradient')) out.push(`${id}: scrolls without an edge shadow`);
			const caption = [...table.querySelectorAll('caption')].find((c) => c.getBoundingClientRect().width > 2); // not a visually hidden one
			for (const end of [0, scroller.scrollWidth]) {
				scroller.scrollLeft = end;
				const c = caption?.getBoundingClientRect();
				if (c && (c.left < box.left - 1 || c.right > box.right + 1))
					out.push(`${id}: its caption leaves the box when scrolled to ${end ? 'the end' : 'the start'}`);
			}
			scroller.scrollLeft = 0;
		}
		return out;
	});
}

test('rollout, one run: both shadow guardrails visible where they coincide; stage labels above the plot; every label inside its chart', async ({ page }) => {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.goto('/rollout');
	await settled(page);
	// 1. The shadow's two lines (both at p = 1 by default): each colour present along the whole run, pixel by pixel.
	const shadow = page.getByTestId('chart-shadow-guardrails');
	const svg = shadow.locator('svg').first();
	await svg.scrollIntoViewIfNeeded();
	const png = (await svg.screenshot()).toString('base64');
	const coverage = await svg.evaluate(async (el, png) => {
		const paths = [...el.querySelectorAll('path')].filter((p) => p.getAttribute('d') && p.getAttribute('stroke') && p.getAttribute('fill') === 'none');
		const img = new Image();
		img.src = `data:image/png;base64,${png}`;
		await img.decode();
		const canvas = document.createElement('canvas');
		[canvas.width, canvas.height] = [img.width, img.height];
		const ctx = canvas.getContext('2d')!;
		ctx.drawImage(img, 0, 0);
		const data = ctx.getImageData(0, 0, img.width, img.height).data;
		const svgBox = el.getBoundingClientRect();
		const rgb = (color: string) => {
			ctx.fillStyle = color;
			const hex = ctx.fillStyle as string;
			return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
		};
		return paths.map((p) => {
			const [r, g, b] = rgb(p.getAttribute('stroke')!);
			const box = p.getBoundingClientRect();
			const [x0, x1] = [Math.ceil(box.left - svgBox.left) + 2, Math.floor(box.right - svgBox.left) - 2];
			const [y0, y1] = [Math.max(0, Math.floor(box.top - svgBox.top) - 4), Math.min(img.height, Math.ceil(box.bottom - svgBox.top) + 4)];
			let hit = 0;
			for (let x = x0; x <= x1; x++) {
				for (let y = y0; y < y1; y++) {
					const i = 4 * (y * img.width + x);
					if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 60) {
						hit++;
						break;
					}
				}
			}
			return { width: Number(p.getAttribute('stroke-width')), dashed: !!p.getAttribute('stroke-dasharray'), columns: x1 - x0 + 1, hit };
		});
	}, png);
	expect(coverage).toHaveLength(2);
	const [failed, latency] = coverage;
	// The solid line underneath shows in every column (not only in the gaps of the dashes drawn on it) …
	expect(failed.hit / failed.columns, JSON.stringify(coverage)).toBeGreaterThan(0.97);
	// … and the dashed line on top shows along its dashes.
	expect(latency.hit / latency.columns, JSON.stringify(coverage)).toBeGreaterThan(0.5);
	expect(failed.width).toBeGreaterThan(latency.width);

	// 2. The canary's stage labels sit above the plot area, off the lines (which start at p = 1, the top).
	const canary = page.getByTestId('chart-canary-guardrails').locator('svg').first();
	const stages = await canary.evaluate((el) => {
		const axisLine = [...el.querySelectorAll('g.axis')][0].querySelector(':scope > line:last-of-type')!;
		const plotTop = axisLine.getBoundingClientRect().top;
		const labels = [...el.querySelectorAll('text')].filter((t) => /^\d+%$/.test(t.textContent ?? '') && !t.closest('.axis'));
		return { plotTop, bottoms: labels.map((t) => t.getBoundingClientRect().bottom) };
	});
	expect(stages.bottoms).toHaveLength(3);
	for (const b of stages.bottoms) expect(b).toBeLessThanOrEqual(stages.plotTop + 0.5);

	// 3. Every label of the one-run charts, the decision panels included (ε-greedy ships at the last hour), inside its SVG.
	expect(await chartTextIssues(page)).toEqual([]);
	const egreedy = page.getByTestId('share-egreedy');
	await expect(egreedy.locator('text', { hasText: /^(ship|stop)$/ })).toHaveCount(1);
});

test('phones (390×844): in every lab, axis titles whole and inside their charts, and every table inside the page', async ({ page }) => {
	test.setTimeout(600_000);
	await page.setViewportSize({ width: 390, height: 844 });
	for (const url of LABS) {
		await page.goto(url);
		await settled(page);
		expect(await chartTextIssues(page), url).toEqual([]);
		expect(await tableIssues(page), url).toEqual([]);
	}
});

test('presenter mode: chart tick labels and axis titles at 16 px or more, inside their charts, never overlapping', async ({ page }) => {
	test.setTimeout(600_000);
	await page.setViewportSize({ width: 1440, height: 900 });
	for (const url of LABS) {
		await page.goto(`${url}${url.includes('?') ? '&' : '?'}present=1`);
		await settled(page);
		await expect(page.locator('html')).toHaveAttribute('data-present', '1');
		expect(await chartTextIssues(page, 16), url).toEqual([]);
	}
});

test('sweep: arms dodged a few pixels about their value; the table fits its panel on a desktop, scrolls in its box on a phone', async ({ page }) => {
	test.setTimeout(300_000);
	for (const [w, h] of [
		[1440, 900],
		[390, 844]
	]) {
		await page.setViewportSize({ width: w, height: h });
		await page.goto(SWEEP);
		await page.getByTestId('sweep-run').click();
		if (await page.getByTestId('sweep-confirm').isVisible()) await page.getByTestId('sweep-run').click();
		await expect(page.getByTestId('sweep-table')).toContainText(/(\d+) of \1 runs/, { timeout: 180_000 });
		await expect(page.getByTestId('sweep-status')).toHaveCount(0);

		// Each arm's centre (an opaque dot) within a few pixels of its value's tick, never half-way to the next one.
		const chart = page.getByTestId('sweep-chart-accuracy').locator('svg').first();
		const offsets = await chart.evaluate((el) => {
			const axes = [...el.querySelectorAll('g.axis')];
			const ticks = [...axes[1].querySelectorAll(':scope > text')].map((t) => {
				const b = t.getBoundingClientRect();
				return (b.left + b.right) / 2;
			});
			const dots = [...el.querySelectorAll('circle')].filter((c) => c.getAttribute('fill-opacity') === '1');
			return {
				spacing: ticks.length > 1 ? ticks[1] - ticks[0] : 0,
				offsets: dots.map((d) => {
					const b = d.getBoundingClientRect();
					const x = (b.left + b.right) / 2;
					return Math.min(...ticks.map((t) => Math.abs(t - x)));
				})
			};
		});
		expect(offsets.offsets).toHaveLength(4 * 5);
		for (const o of offsets.offsets) expect(o).toBeLessThanOrEqual(12);
		expect(Math.max(...offsets.offsets)).toBeLessThan(offsets.spacing / 4);

		const fit = await page.getByTestId('sweep-table').evaluate((t) => {
			const wrap = t.parentElement!;
			const panel = t.closest('.panel')!.getBoundingClientRect();
			const box = wrap.getBoundingClientRect();
			return { inPanel: box.left >= panel.left - 0.5 && box.right <= panel.right + 0.5, fits: wrap.scrollWidth <= wrap.clientWidth + 1 };
		});
		expect(fit.inPanel).toBe(true);
		if (w > 1000) expect(fit.fits).toBe(true);
		expect(await tableIssues(page)).toEqual([]);
		// On a phone the first column (the swept value) stays in view when the table is scrolled to its end.
		if (!fit.fits) {
			const stays = await page.getByTestId('sweep-table').evaluate((t) => {
				const wrap = t.parentElement!;
				wrap.scrollLeft = wrap.scrollWidth;
				const row = t.querySelector('tbody th')!.getBoundingClientRect();
				const box = wrap.getBoundingClientRect();
				return row.left >= box.left - 0.5 && row.right <= box.right + 0.5;
			});
			expect(stays).toBe(true);
		}
	}
});
