/**
 * The drift report on the user's data as files: a CSV (one row per feature) and a self-contained HTML page (the
 * table, each feature's before/after shares drawn as inline SVG, the rules used). Nothing is fetched by the page.
 */
import type { FeatureDrift, OwnDriftReport } from '$lib/labs/drift/worker/own-report';
import { toCsv } from '$lib/charts/export';
import { categoryLabels, reportNotes, ruleText, sampleTexts, whyTexts } from './own-words';

const VERDICT: Record<FeatureDrift['verdict'], string> = { drift: 'drift', small: 'beyond noise, PSI < 0.1', none: 'within noise', skipped: 'not compared' };

export const verdictText = (v: FeatureDrift['verdict']) => VERDICT[v];

export function reportCsv(r: OwnDriftReport): string {
	return toCsv({
		columns: [
			'feature',
			'type',
			'verdict',
			'psi',
			'psi_no_drift_q95',
			'psi_limit_family',
			'test',
			'test_statistic',
			'test_df',
			'p_value',
			'jensen_shannon',
			'wasserstein',
			'wasserstein_in_sd',
			'n_reference',
			'n_current',
			'missing_reference',
			'missing_current',
			'rule'
		],
		rows: r.features.map((f) => [
			f.name,
			f.kind,
			VERDICT[f.verdict],
			f.kind === 'skipped' ? '' : f.psi,
			f.psiQ95 ?? '',
			f.psiCritical ?? '',
			f.test?.name ?? '',
			f.test?.statistic ?? '',
			f.test?.df ?? '',
			f.test?.pValue ?? '',
			f.kind === 'skipped' ? '' : f.js,
			f.wasserstein ?? '',
			f.wassersteinSd ?? '',
			f.n,
			f.m,
			f.missingRef,
			f.missingCur,
			ruleText(f.rule)
		])
	});
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const num = (x: number, d = 3) => (x === 0 ? '0' : Math.abs(x) >= 0.001 ? x.toFixed(d) : x.toExponential(1));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Before/after shares of one feature as a small SVG: reference in grey, current in blue. */
export function sharesSvg(f: FeatureDrift, width = 320, height = 120): string {
	const k = f.hist.ref.length;
	if (!k) return '';
	const top = Math.max(...f.hist.ref, ...f.hist.cur, 1e-9) * 1.1;
	const pad = { l: 4, r: 4, t: 4, b: 18 };
	const w = (width - pad.l - pad.r) / k;
	const y = (v: number) => pad.t + (height - pad.t - pad.b) * (1 - v / top);
	const bars = f.hist.ref
		.map((rv, i) => {
			const x = pad.l + i * w;
			const cv = f.hist.cur[i];
			return `<rect x="${x.toFixed(1)}" y="${y(rv).toFixed(1)}" width="${(w / 2).toFixed(1)}" height="${(y(0) - y(rv)).toFixed(1)}" fill="#8a93a3"/><rect x="${(x + w / 2).toFixed(1)}" y="${y(cv).toFixed(1)}" width="${(w / 2).toFixed(1)}" height="${(y(0) - y(cv)).toFixed(1)}" fill="#2563eb"/>`;
		})
		.join('');
	const labels = categoryLabels(f.hist);
	const lo = f.hist.edges ? num(f.hist.edges[0], 2) : esc(labels[0]);
	const hi = f.hist.edges ? num(f.hist.edges[k], 2) : esc(labels[k - 1]);
	const axis = `<text x="${pad.l}" y="${height - 4}" font-size="10">${lo}</text><text x="${width - pad.r}" y="${height - 4}" font-size="10" text-anchor="end">${hi}</text>`;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${esc(`${f.name}: reference (grey) and current (blue) shares`)}">${bars}${axis}</svg>`;
}

export function reportHtml(r: OwnDriftReport, files: string, when: string): string {
	const samples = sampleTexts(r);
	const why = (f: FeatureDrift) => {
		const w = whyTexts(f);
		return `${esc(w.rule)}${w.note ? ` ${esc(w.note)}` : ''}`;
	};
	const rows = r.features
		.map(
			(f) =>
				`<tr class="${f.verdict}"><th scope="row">${esc(f.name)}</th><td>${f.kind}</td><td>${VERDICT[f.verdict]}</td><td>${f.kind === 'skipped' ? '' : num(f.psi)}</td><td>${
					f.psiCritical === null ? '' : num(f.psiCritical)
				}</td><td>${f.test ? `${f.test.name} ${num(f.test.statistic)}, p = ${f.test.pValue < 1e-4 ? f.test.pValue.toExponential(1) : num(f.test.pValue, 4)}` : ''}</td><td>${
					f.kind === 'skipped' ? '' : num(f.js)
				}</td><td>${f.wasserstein === null ? '' : num(f.wasserstein)}</td><td>${pct(f.missingRef)} → ${pct(f.missingCur)}</td><td>${why(f)}</td></tr>`
		)
		.join('\n');
	const charts = r.features
		.filter((f) => f.kind !== 'skipped')
		.map((f) => `<figure><figcaption>${esc(f.name)} — ${VERDICT[f.verdict]} (PSI ${num(f.psi)})</figcaption>${sharesSvg(f)}</figure>`)
		.join('\n');
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Drift report — ${esc(files)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1f2430}table{border-collapse:collapse}th,td{border:1px solid #d5d9e0;padding:4px 8px;text-align:left;vertical-align:top}
tr.drift th{color:#b91c1c}figure{display:inline-block;margin:0 1rem 1rem 0}figcaption{font-weight:600}</style></head>
<body><h1>Drift report</h1>
<p>${esc(files)} — ${esc(samples.reference)} (${r.reference.rows.toLocaleString('en-US')} rows) against ${esc(samples.target)} (${r.target.rows.toLocaleString('en-US')} rows). Made with ML Design Lab on ${esc(when)}, in the browser.</p>
<p>Verdicts: a feature is flagged when its change is beyond what chance gives at these sample sizes — PSI above the value it exceeds with probability 0.05 / ${r.family} when nothing drifts (numeric features; simulated for these sizes, and for numbers with repeated values from the reference's own values on bins at its distinct values), or Pearson's χ² test at 0.05 / ${r.family} (categories; the p-value conditional on the totals by Monte Carlo where expected counts are small) — and called drift when PSI ≥ 0.1 as well (Siddiqi 2006: 0.1–0.25 moderate, &gt; 0.25 major).</p>
${reportNotes(r)
	.map((n) => `<p>${esc(n)}</p>`)
	.join('\n')}
<table><thead><tr><th>Feature</th><th>Type</th><th>Verdict</th><th>PSI</th><th>PSI limit</th><th>Test</th><th>JS</th><th>W₁</th><th>Missing</th><th>Rule</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Reference (grey) and current (blue) shares</h2>
${charts}
</body></html>
`;
}
