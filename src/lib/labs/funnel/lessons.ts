/**
 * The funnel lab's lessons (lessons/types.ts): what each stage of the retrieval → ranking funnel keeps, and which
 * way the choice of negatives moves the popularity of what is recommended. Every answer and every number in an
 * explanation comes from the run's facts (./facts.ts). The steps use the lab's light setting (5,000 items, 600
 * users; about a second in Node) where what they ask about holds at every seed measured (1–3; tests/unit/funnel-lessons.test.ts).
 */
import { defineLessons, type Choice, type Facts } from '$lib/lessons/types';
import { num, numberChoices, sortedChoices } from '$lib/lessons/grade';
import { fmtNum, fmtPct } from '$lib/format';

/** The lab's light setting (the manifest's own light check). */
const LIGHT = 'items=5000&users=600&sessions=10&test=200&queries=50';
const pct = (v: number) => fmtPct(v, 0);
const pct1 = (v: number) => fmtPct(v, 1);
const f3 = (v: number) => fmtNum(v, 3);
const once = " One seed: whether a difference holds up over seeds is the sweep's question (below the views).";

/** Where the 1% most popular items stand in the retriever's top 10s, against their share of the clicks. */
const headOptions: Choice[] = [
	{ id: 'under-1', label: 'Under 1% of the slots' },
	{ id: 'below', label: 'More than 1%, but less than their share of the clicks' },
	{ id: 'above', label: 'More than their share of the clicks' }
];
const headAnswer = (f: Facts) =>
	num(f, 'retrievalHeadShare') < 0.01 ? 'under-1' : num(f, 'retrievalHeadShare') < num(f, 'clickHeadShare') ? 'below' : 'above';
const headWords = (f: Facts) =>
	`In this run the 1% most popular items took ${pct1(num(f, 'clickHeadShare'))} of the clicks and got ${pct1(num(f, 'retrievalHeadShare'))} of the slots in the retriever's top 10s (${pct1(num(f, 'rankedHeadShare'))} after ranking).`;
const popularityWords = (f: Facts) =>
	`On (geometric) average the retriever's top 10s are ${fmtNum(num(f, 'retrievalTimes'), 2)}× ${num(f, 'retrievalVsClicks') >= 0 ? 'more' : 'less'} popular than the average clicked item`;

/** Up to four of the run's K, always holding `k`. */
function kChoices(f: Facts, k: number): { options: Choice[]; answer: string } {
	const ks = [10, 20, 50, 100, 200, 500].filter((x) => x >= num(f, 'firstK') && x <= num(f, 'lastK'));
	const others = ks.filter((x) => x !== k && [10, 50, 100, 500].includes(x)).slice(0, 3);
	return sortedChoices(k, others, (x) => `K = ${x}`);
}
const recallChoices = (v: number) => numberChoices(v, pct);

export const LESSONS = defineLessons([
	{
		id: 'funnel-two-stages',
		lab: 'funnel',
		title: 'Two stages: what retrieval drops, the ranker never sees',
		goal: 'Explain why a recommender retrieves K candidates before ranking them, why the ranker is capped by the candidates’ recall, and what an approximate index trades.',
		minutes: 12,
		steps: [
			{
				id: 'candidates',
				title: 'What the candidates hold',
				settings: LIGHT,
				ask: {
					kind: 'number',
					prompt:
						'A two-tower retriever picks K = 500 candidates out of 5,000 items for each test user. What share of the users’ held-out relevant items are among them (recall@500)?',
					min: 0,
					max: 1,
					step: 0.01,
					format: pct,
					start: 0.5
				},
				answer: (f) => num(f, 'recallLast'),
				tolerance: () => 0.08,
				explain: (f) =>
					`The ${num(f, 'lastK')} candidates hold ${pct(num(f, 'recallLast'))} of the held-out relevant items (${pct(num(f, 'recallFirst'))} at K = ${num(f, 'firstK')}), averaged over ${num(f, 'testUsers')} test users. The ranker only reorders the candidates: the other ${pct(1 - num(f, 'recallLast'))} it can never show, however good it is.`,
				shownIn: 'funnel-table'
			},
			{
				id: 'ranker-adds',
				title: 'What the ranker adds',
				settings: LIGHT,
				ask: {
					kind: 'choice',
					prompt:
						'The same K = 100 candidates, in the retriever’s order or re-ranked by a logistic ranker trained on later sessions. Which order has the higher nDCG@10 in this run?',
					options: [
						{ id: 'ranked', label: 'Re-ranked' },
						{ id: 'retrieval', label: 'Retrieval order' },
						{ id: 'same', label: 'The same' }
					]
				},
				answer: (f) =>
					num(f, 'rankedNdcgAtK') > num(f, 'retrievalNdcgAtK') ? 'ranked' : num(f, 'rankedNdcgAtK') < num(f, 'retrievalNdcgAtK') ? 'retrieval' : 'same',
				explain: (f) =>
					`At K = ${num(f, 'reportK')}: nDCG@10 ${f3(num(f, 'rankedNdcgAtK'))} re-ranked against ${f3(num(f, 'retrievalNdcgAtK'))} in retrieval order. Both orders are measured on the same candidates, so the difference is the ranker's alone${num(f, 'rankedNdcgAtK') > num(f, 'retrievalNdcgAtK') ? ': it sees features the retriever does not (popularity, a noisy taste signal, the position the click was logged at)' : ''}.${once}`,
				shownIn: 'funnel-table'
			},
			{
				id: 'more-k',
				title: 'Ranking more candidates',
				settings: LIGHT,
				ask: {
					kind: 'choice',
					prompt: 'K runs from 10 to 500 candidates. In this run, at which K is the re-ranked nDCG@10 highest?',
					options: [
						{ id: 'smallest', label: 'At the smallest K (10)' },
						{ id: 'middle', label: 'Somewhere in between' },
						{ id: 'largest', label: 'At the largest K (500): more candidates, better lists' }
					]
				},
				answer: (f) => (num(f, 'bestK') === num(f, 'lastK') ? 'largest' : num(f, 'bestK') === num(f, 'firstK') ? 'smallest' : 'middle'),
				explain: (f) =>
					`The highest re-ranked nDCG@10 in this run is ${f3(num(f, 'bestNdcg'))} at K = ${num(f, 'bestK')}; at K = ${num(f, 'lastK')} it is ${f3(num(f, 'rankedLast'))}, although the candidates' recall keeps rising (${pct(num(f, 'recallLast'))} there).${num(f, 'bestK') !== num(f, 'lastK') ? ' In this run the ranked list does not improve with the recall, while every candidate costs ranking time (the cost chart).' : ''}${once}`,
				shownIn: 'k-sentence',
				explore: 'The sweep below runs several seeds per K: does the drop at the largest K hold up?'
			},
			{
				id: 'ann-recall',
				title: 'The approximate index',
				settings: LIGHT,
				ask: {
					kind: 'number',
					prompt:
						'HNSW searches a proximity graph instead of scoring all 5,000 items. With efSearch 10, what share of the exact top 10 does it find (recall@10)?',
					min: 0.5,
					max: 1,
					step: 0.01,
					format: pct,
					start: 0.75
				},
				answer: (f) => num(f, 'hnswRecallEf10'),
				tolerance: () => 0.05,
				explain: (f) =>
					`Recall@${num(f, 'curveK')} ${pct(num(f, 'hnswRecallEf10'))} at efSearch 10${num(f, 'hnswEfFor099') > 0 ? `; from efSearch ${num(f, 'hnswEfFor099')} on it finds at least 99%` : ''}. A larger efSearch keeps more candidates while walking the graph: more recall, fewer queries a second (the table measures both on this device; the times vary from run to run, the recall does not).`,
				shownIn: 'curve-table'
			},
			{
				id: 'ivf-recall',
				title: 'Another index: IVF with one cell',
				settings: LIGHT,
				ask: {
					kind: 'number',
					prompt: 'IVF clusters the items into cells and searches only the nprobe cells nearest the query. With nprobe 1, what recall@10 does it reach?',
					min: 0,
					max: 1,
					step: 0.01,
					format: pct,
					start: 0.5
				},
				answer: (f) => num(f, 'ivfRecallProbe1'),
				tolerance: () => 0.08,
				explain: (f) =>
					`IVF with nprobe 1 finds ${pct(num(f, 'ivfRecallProbe1'))} of the exact top ${num(f, 'curveK')}: a true neighbour in a cell next to the query's is missed. Whatever an index misses is gone for the ranker too.`,
				shownIn: 'curve-table'
			}
		],
		quiz: {
			settings: LIGHT,
			items: [
				{
					id: 'recall-k',
					prompt: (f) => `In this run, what share of the held-out relevant items do the K = ${num(f, 'reportK')} candidates hold?`,
					options: (f) => recallChoices(num(f, 'recallAtK')).options,
					answer: (f) => recallChoices(num(f, 'recallAtK')).answer,
					why: (f) => `The table of section 3 gives recall@${num(f, 'reportK')} ${f3(num(f, 'recallAtK'))}: the ceiling of what the ranker can show.`
				},
				{
					id: 'best-k',
					prompt: () => 'At which K is the re-ranked nDCG@10 highest in this run?',
					options: (f) => kChoices(f, num(f, 'bestK')).options,
					answer: (f) => kChoices(f, num(f, 'bestK')).answer,
					why: (f) => `The sentence under the charts of section 3: ${f3(num(f, 'bestNdcg'))} at K = ${num(f, 'bestK')}, in this run.`
				},
				{
					id: 'hnsw-10',
					prompt: () => 'HNSW’s recall@10 at efSearch 10 in this run is about…',
					options: (f) => numberChoices(num(f, 'hnswRecallEf10'), pct, [0.6, 0.8]).options,
					answer: (f) => numberChoices(num(f, 'hnswRecallEf10'), pct, [0.6, 0.8]).answer,
					why: (f) => `The table of section 2: ${f3(num(f, 'hnswRecallEf10'))}.`
				}
			]
		}
	},
	{
		id: 'funnel-negatives-popularity',
		lab: 'funnel',
		title: 'In-batch negatives and the logQ correction: which way popularity moves',
		goal: 'Say which way in-batch negatives and the logQ correction move the popularity of what a two-tower retriever recommends, and why (log P(item | user) − log q_item).',
		minutes: 12,
		misconception: 'In-batch negatives favour popular items, and the logQ correction brings back the long tail.',
		steps: [
			{
				id: 'in-batch-head',
				title: 'Plain in-batch negatives',
				settings: `${LIGHT}&negatives=in-batch`,
				ask: {
					kind: 'choice',
					prompt:
						'The retriever is trained with plain in-batch negatives (the other clicks of the batch). The 1% most popular items take a large share of the clicks. What share of the slots in the retriever’s top 10s do they get?',
					options: headOptions
				},
				answer: headAnswer,
				explain: (f) =>
					`${headWords(f)}${headAnswer(f) !== 'above' ? ' In-batch negatives are other users’ clicks, so an item is a negative in proportion to its clicks: the retriever learns about log P(item | user) − log q_item, and popular items are pushed down (Yi et al. 2019).' : ''}`,
				shownIn: 'popularity-table'
			},
			{
				id: 'in-batch-average',
				title: 'On average over every list',
				settings: `${LIGHT}&negatives=in-batch`,
				ask: {
					kind: 'choice',
					prompt: 'Still plain in-batch negatives. Are the retriever’s recommendations, on average, more or less popular than the average clicked item?',
					options: [
						{ id: 'more', label: 'More popular' },
						{ id: 'less', label: 'Less popular' }
					]
				},
				answer: (f) => (num(f, 'retrievalVsClicks') >= 0 ? 'more' : 'less'),
				explain: (f) => `${popularityWords(f)}, in this run. ${pct(num(f, 'coverageRetrieval'))} of the catalogue appears in at least one test user's top 10.`,
				shownIn: 'popularity-sentence'
			},
			{
				id: 'corrected-head',
				title: 'Add the logQ correction',
				settings: LIGHT,
				ask: {
					kind: 'choice',
					prompt:
						'At these settings and the default seed, plain in-batch negatives gave the 1% most popular items under 1% of the slots. Now the logQ correction subtracts log q_item from each in-batch logit while training. What share do they get?',
					options: headOptions
				},
				answer: headAnswer,
				explain: (f) =>
					`${headWords(f)}${headAnswer(f) !== 'under-1' ? ' The correction removes the penalty in-batch negatives put on popular items, so they come back up: here the correction made the recommendations more popular than plain in-batch negatives did at the default seed, not less.' : ''}`,
				shownIn: 'popularity-table'
			},
			{
				id: 'corrected-tail',
				title: 'Does the correction bring back the tail?',
				settings: LIGHT,
				ask: {
					kind: 'choice',
					prompt:
						'With plain in-batch negatives, 32% of the catalogue appeared in at least one test user’s top 10 (at the default seed). With the logQ correction, how much of the catalogue appears?',
					options: [
						{ id: 'more', label: 'More than 32%: the correction brings back the tail' },
						{ id: 'less', label: 'Less than 32%' }
					]
				},
				answer: (f) => (num(f, 'coverageRetrieval') > 0.32 ? 'more' : 'less'),
				explain: (f) =>
					`${pct1(num(f, 'coverageRetrieval'))} of the catalogue appears in some top 10 of the retriever in this run. ${popularityWords(f)}.${num(f, 'coverageRetrieval') < 0.32 ? ' In this run the correction concentrated the recommendations on fewer items: it restored popular items, not the tail. Items nobody clicked are never in-batch negatives at all; mixing in uniform negatives is one remedy (Yang et al. 2020).' : ''}`,
				shownIn: 'popularity-table'
			},
			{
				id: 'uniform-head',
				title: 'Uniform negatives',
				settings: `${LIGHT}&negatives=uniform`,
				ask: {
					kind: 'choice',
					prompt:
						'Uniform negatives are drawn from the whole catalogue, whatever their clicks: no popularity penalty at all. What share of the retriever’s top-10 slots do the 1% most popular items get now?',
					options: headOptions
				},
				answer: headAnswer,
				explain: (f) =>
					`${headWords(f)} ${popularityWords(f)}.${headAnswer(f) === 'above' ? ' No popularity penalty here, but most uniform negatives are easy ones.' : ''}`,
				shownIn: 'popularity-table',
				explore: 'The sweep over negatives (5 seeds each) measures the mean log popularity of the top 10 with intervals.'
			}
		],
		quiz: {
			settings: LIGHT,
			items: [
				{
					id: 'head-share',
					prompt: () => 'With the logQ correction, what share of the retriever’s top-10 slots go to the 1% most popular items in this run?',
					options: (f) => numberChoices(num(f, 'retrievalHeadShare'), pct1).options,
					answer: (f) => numberChoices(num(f, 'retrievalHeadShare'), pct1).answer,
					why: (f) => headWords(f)
				},
				{
					id: 'coverage',
					prompt: () => 'What share of the catalogue appears in at least one of the retriever’s top 10s?',
					options: (f) => numberChoices(num(f, 'coverageRetrieval'), pct1, [0.5, 1.5, 3]).options,
					answer: (f) => numberChoices(num(f, 'coverageRetrieval'), pct1, [0.5, 1.5, 3]).answer,
					why: (f) => `The coverage column of the popularity table: ${pct1(num(f, 'coverageRetrieval'))}.`
				},
				{
					id: 'times',
					prompt: (f) =>
						`On (geometric) average, how many times ${num(f, 'retrievalVsClicks') >= 0 ? 'more' : 'less'} popular than the average clicked item are the retriever’s top 10s in this run?`,
					options: (f) => numberChoices(num(f, 'retrievalTimes'), (v) => `${fmtNum(v, 2)}×`, [0.25, 0.5, 2]).options,
					answer: (f) => numberChoices(num(f, 'retrievalTimes'), (v) => `${fmtNum(v, 2)}×`, [0.25, 0.5, 2]).answer,
					why: (f) => `The sentence under the popularity chart: ${popularityWords(f)}.`
				}
			]
		}
	}
]);
