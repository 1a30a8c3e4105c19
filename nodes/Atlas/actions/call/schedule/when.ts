import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { MINUTE } from '../../../../shared/util/time';
import { wallTime, zonedToInstant } from '../../../../shared/util/zone';

/*
 * When a scheduled call is due, as the UTC ISO time Atlas wants (`scheduledDate`). Accepts what
 * n8n users have at hand: the date picker's value, ISO text with or without an offset, an n8n
 * (Luxon) DateTime or a JS Date from an expression, or a time of day ("09:30"). Text without an
 * offset is read in the workflow's time zone (Workflow Settings > Timezone).
 */

/** A time this far in the past is refused rather than called at once. */
const PAST_TOLERANCE_MS = MINUTE;

/** A time of day followed by Z or an offset (a bare date's "-01" is not an offset). */
const HAS_OFFSET = /\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

function valid(hour: number, minute: number, second: number): boolean {
	return hour <= 23 && minute <= 59 && second <= 59;
}

interface DateTimeLike {
	isValid: boolean;
	toUTC(): { toISO(): string | null };
}

function isDateTimeLike(value: unknown): value is DateTimeLike {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as DateTimeLike).toUTC === 'function' &&
		'isValid' in value
	);
}

/** The time in ms, or undefined when `value` is not a time. `now` and `zone` place a time of day. */
export function readWhen(value: unknown, zone: string, now: number): number | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (isDateTimeLike(value)) {
		const iso = value.isValid ? value.toUTC().toISO() : null;
		return iso ? Date.parse(iso) : undefined;
	}
	if (typeof value === 'number' && Number.isFinite(value))
		return value < 1e12 ? value * 1000 : value;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	const timeOfDay = TIME_OF_DAY.exec(text);
	if (timeOfDay) {
		const [hour, minute, second] = [timeOfDay[1], timeOfDay[2], timeOfDay[3] ?? '0'].map(Number);
		if (!valid(hour, minute, second)) return undefined;
		const today = wallTime(now, zone);
		let at = zonedToInstant({ ...today, hour, minute, second }, zone);
		if (at < now - PAST_TOLERANCE_MS) {
			// the next one: the same time tomorrow (by the calendar, whatever DST does)
			const tomorrow = wallTime(Date.UTC(today.year, today.month - 1, today.day + 1, 12), 'UTC');
			at = zonedToInstant({ ...tomorrow, hour, minute, second }, zone);
		}
		return at;
	}
	if (HAS_OFFSET.test(text)) {
		const time = Date.parse(text.replace(' ', 'T'));
		return Number.isNaN(time) ? undefined : time;
	}
	const local = LOCAL.exec(text);
	if (!local) return undefined;
	const [year, month, day, hour, minute, second] = local
		.slice(1, 7)
		.map((part) => Number(part ?? 0));
	if (month < 1 || month > 12 || day < 1 || day > 31 || !valid(hour, minute, second))
		return undefined;
	return zonedToInstant({ year, month, day, hour, minute, second }, zone);
}

/** Scheduled time of one item as UTC ISO text; undefined for "now". */
export function scheduledDateParameter(
	ctx: IExecuteFunctions,
	itemIndex: number,
	now: number,
): string | undefined {
	if (ctx.getNodeParameter('when', itemIndex, 'now') !== 'at') return undefined;
	const value = ctx.getNodeParameter('scheduledAt', itemIndex, '') as unknown;
	const zone = ctx.getTimezone();
	const time = readWhen(value, zone, now);
	const shown = typeof value === 'string' ? value : JSON.stringify(value);
	if (time === undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			value === '' || value === undefined || value === null
				? `No date and time to call for item ${itemIndex + 1}`
				: `"${shown}" (item ${itemIndex + 1}) is not a date and time`,
			{
				itemIndex,
				description: `Nothing was sent to Atlas for this item. Pick a date and time, or give one such as 2026-06-01T14:30:00Z, 2026-06-01 09:30 (read in the workflow's time zone, ${zone}) or 09:30 (the next 9:30 there). To call at once, set When to Now.`,
			},
		);
	}
	if (time < now - PAST_TOLERANCE_MS) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The time to call for item ${itemIndex + 1} is in the past (${new Date(time).toISOString()})`,
			{
				itemIndex,
				description: `Nothing was sent to Atlas for this item. Give a time in the future (text without an offset is read in the workflow's time zone, ${zone}), or set When to Now to call at once.`,
			},
		);
	}
	return new Date(Math.max(time, now)).toISOString();
}
