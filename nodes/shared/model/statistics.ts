import type { IDataObject } from 'n8n-workflow';

import { STATISTICS_ALIASES, STATISTICS_PER_CAMPAIGN } from '../atlas/outcomes';
import { ALL_CAMPAIGNS } from '../atlas/events';
import { foldRecord, isRecord, pick, pickNumber, pickString, toRecord } from './read';
import { orNull, withOriginal } from './values';

/*
 * Campaign statistics as flat items a user maps into a sheet or a chart: counts, durations and
 * two rates we compute from them. Atlas's answer was never recovered (its docs name the schemas
 * TotalStatistics, CallStatistics, Statistics): every name is a guess (atlas/outcomes.ts), a
 * value Atlas does not give is null, and Atlas's own fields stay beside ours (Simplify off).
 */

type Counter = Exclude<keyof typeof STATISTICS_ALIASES, 'campaignId' | 'campaignName'>;

const COUNTERS: Counter[] = [
	'totalCalls',
	'answeredCalls',
	'completedCalls',
	'successfulCalls',
	'failedCalls',
	'bookings',
	'totalDurationSeconds',
	'averageDurationSeconds',
];

function rate(part: number | null, whole: number | null): number | null {
	if (part === null || whole === null || whole <= 0) return null;
	return Math.round((part / whole) * 10_000) / 10_000;
}

/** One statistics record as an item; `campaignId` what was asked for when Atlas does not say. */
export function statisticsItem(raw: IDataObject, campaignId: string): IDataObject {
	const folded = foldRecord(raw);
	const numbers = {} as Record<Counter, number | null>;
	for (const counter of COUNTERS) {
		// a count may come as a record ({ total: 12 }) — only plain numbers are read
		numbers[counter] = orNull(pickNumber(folded, ...STATISTICS_ALIASES[counter]));
	}
	const { totalCalls, answeredCalls, bookings } = numbers;
	if (numbers.averageDurationSeconds === null && numbers.totalDurationSeconds !== null) {
		const answered = answeredCalls ?? numbers.completedCalls;
		if (answered)
			numbers.averageDurationSeconds = Math.round(numbers.totalDurationSeconds / answered);
	}
	const own = pickString(folded, ...STATISTICS_ALIASES.campaignId)?.trim();
	return withOriginal(
		{
			campaignId: own || campaignId,
			campaignName: orNull(pickString(folded, ...STATISTICS_ALIASES.campaignName)?.trim()),
			...numbers,
			answerRate: rate(answeredCalls, totalCalls),
			bookingRate: rate(bookings, answeredCalls ?? totalCalls),
		},
		raw,
	);
}

/** A record that looks like one campaign's statistics (it names its campaign). */
function perCampaign(list: unknown): IDataObject[] | undefined {
	if (!Array.isArray(list)) return undefined;
	const records = list.filter(isRecord);
	if (records.length === 0) return undefined;
	const named = records.every(
		(record) => pick(foldRecord(record), ...STATISTICS_ALIASES.campaignId) !== undefined,
	);
	return named ? records : undefined;
}

/**
 * The answer of GET /call/stats[/{id}] as items: one per campaign when the answer lists
 * campaigns (bare, or under a key such as `campaigns`), else one item (for all campaigns: `*`).
 */
export function statisticsItems(answer: unknown, campaignId: string): IDataObject[] {
	if (campaignId === ALL_CAMPAIGNS) {
		const bare = perCampaign(answer);
		if (bare) return bare.map((record) => statisticsItem(record, campaignId));
		if (isRecord(answer)) {
			const folded = foldRecord(answer);
			for (const key of STATISTICS_PER_CAMPAIGN) {
				const listed = perCampaign(folded.get(key.toLowerCase()));
				if (listed) return listed.map((record) => statisticsItem(record, campaignId));
			}
		}
	}
	const record = toRecord(answer) ?? {};
	return [statisticsItem(record, campaignId)];
}
