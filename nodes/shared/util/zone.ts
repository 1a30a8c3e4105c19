/*
 * Wall-clock time in a named time zone (the workflow's) to an instant, with Intl only: the
 * scanner's import list leaves out luxon, and this is all a scheduled call needs.
 */

const FORMATS = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
	let found = FORMATS.get(zone);
	if (!found) {
		found = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		FORMATS.set(zone, found);
	}
	return found;
}

export interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** The wall-clock time of `instant` in `zone`. Throws a RangeError for an unknown zone. */
export function wallTime(instant: number, zone: string): WallTime {
	const parts: Record<string, number> = {};
	for (const part of format(zone).formatToParts(new Date(instant))) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	return {
		year: parts.year,
		month: parts.month,
		day: parts.day,
		hour: parts.hour,
		minute: parts.minute,
		second: parts.second,
	};
}

function asUtc(time: WallTime): number {
	return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
}

/** The instant a wall-clock time in `zone` stands for (the later one in a DST gap). */
export function zonedToInstant(time: WallTime, zone: string): number {
	const wanted = asUtc(time);
	let instant = wanted;
	for (let i = 0; i < 3; i++) {
		const offset = asUtc(wallTime(instant, zone)) - instant;
		const next = wanted - offset;
		if (next === instant) break;
		instant = next;
	}
	return instant;
}
