// Bookings: an emulated call whose agent says it booked an appointment ("you are booked for
// Thursday June 5 at 10am", "Done: Friday June 13 at 9:30am") creates one booking, as Atlas's
// calendar integration would [guess: Atlas's bookings answer was never recovered; the field
// names here are picked to exercise the node's tolerant reader: startTime/endTime, title].
// Routes: GET /campaign/:id/bookings and GET /campaign/:id/bookings/callId/:callId [ref].
import { zonedToInstant } from '../../nodes/shared/util/zone';
import type { ApiRouteDef } from './api';
import { ApiError, route, type Route } from './http';
import { pascalize, wrapList } from './shape';
import type { Store } from './store';
import type { Booking, CallRecord, Campaign, Casing } from './types';

type Obj = Record<string, unknown>;

const MONTHS = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december',
];

/** "booked for Thursday June 5 at 10am" / "Done: Friday June 13 at 9:30am", said by the agent. */
const BOOKED =
	/\b(?:booked for|done:)\s+(?:\w+day\s+)?([a-z]+)\s+(\d{1,2})\s+at\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b/i;

const TITLES: Array<[RegExp, string]> = [
	[/rooftop assessment/i, 'Free rooftop assessment'],
	[/cleaning with (Dr\. \w+)/i, 'Cleaning with $1'],
	[/viewing/i, 'Apartment viewing'],
];

/** The call's facts a booking needs, from a stored record or a (camel or Pascal) event. */
export interface BookedCall {
	callId: string;
	campaignId: string;
	customerName: string;
	customerPhoneNumber: string;
	summary: string;
	agentLines: string[];
	startedAt: string;
	endedAt: string;
}

const field = (e: Obj, name: string): unknown =>
	e[name] ?? e[name.charAt(0).toUpperCase() + name.slice(1)];
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A delivered call_completed event (either casing) as a BookedCall; undefined without ids. */
export function bookedCallFromEvent(event: unknown): BookedCall | undefined {
	if (!event || typeof event !== 'object' || Array.isArray(event)) return undefined;
	const e = event as Obj;
	const callId = str(field(e, 'callId'));
	const campaignId = str(field(e, 'campaignId'));
	if (!callId || !campaignId) return undefined;
	const messages = field(e, 'messages');
	const agentLines = Array.isArray(messages)
		? messages
				.map((m) => (m && typeof m === 'object' ? (m as Obj) : {}))
				.filter((m) => str(field(m, 'role')) === 'assistant')
				.map((m) => str(field(m, 'message')))
		: str(field(e, 'transcript'))
				.split('\n')
				.filter((line) => line.startsWith('AI: '))
				.map((line) => line.slice(4));
	return {
		callId,
		campaignId,
		customerName: str(field(e, 'customerName')),
		customerPhoneNumber: str(field(e, 'customerPhoneNumber')),
		summary: str(field(e, 'summary')),
		agentLines,
		startedAt: str(field(e, 'startedAt')),
		endedAt: str(field(e, 'endedAt')),
	};
}

export function bookedCallFromRecord(r: CallRecord): BookedCall {
	return {
		callId: r.id,
		campaignId: r.campaignId,
		customerName: r.customerName,
		customerPhoneNumber: r.customerPhoneNumber,
		summary: r.summary,
		agentLines: r.messages.filter((m) => m.role === 'assistant').map((m) => m.message),
		startedAt: r.startedAt,
		endedAt: r.endedAt,
	};
}

/** The booking a call made, or undefined when its agent booked nothing. */
export function bookingFor(
	call: BookedCall,
	campaign: Campaign | undefined,
	id: string,
): Booking | undefined {
	const said = call.agentLines.map((line) => BOOKED.exec(line)).find((m) => m !== null);
	if (!said) return undefined;
	const month = MONTHS.indexOf(said[1].toLowerCase()) + 1;
	if (month === 0) return undefined;
	const hour = (Number(said[3]) % 12) + (said[5].toLowerCase() === 'pm' ? 12 : 0);
	const minute = Number(said[4] ?? 0);
	const zone = campaign?.timezone ?? 'UTC';
	const callTime = Date.parse(call.startedAt) || Date.now();
	// the next such date on or after the call (a call in December books next year's June)
	let year = new Date(callTime).getUTCFullYear();
	const at = (y: number) =>
		zonedToInstant({ year: y, month, day: Number(said[2]), hour, minute, second: 0 }, zone);
	if (at(year) < callTime - 86_400_000) year++;
	const start = at(year);
	const text = `${call.summary}\n${call.agentLines.join('\n')}`;
	const title = TITLES.find(([pattern]) => pattern.test(text));
	return {
		id,
		callId: call.callId,
		campaignId: call.campaignId,
		customerName: call.customerName,
		customerPhoneNumber: call.customerPhoneNumber,
		title: title
			? (text.match(title[0])?.[0].replace(title[0], title[1]) ?? title[1])
			: 'Appointment',
		startTime: new Date(start).toISOString(),
		endTime: new Date(start + 3_600_000).toISOString(),
		timezone: zone,
		status: 'confirmed',
		notes: call.summary,
		createdAt: call.endedAt || new Date().toISOString(),
	};
}

/** Seed bookings: those the seed calls made (deterministic ids). */
export function seedBookings(
	calls: CallRecord[],
	campaignOf: (id: string) => Campaign | undefined,
) {
	const out: Booking[] = [];
	for (const call of calls) {
		const booking = bookingFor(
			bookedCallFromRecord(call),
			campaignOf(call.campaignId),
			`bkg_${String(out.length + 1).padStart(4, '0')}`,
		);
		if (booking) out.push(booking);
	}
	return out;
}

/** Books what each completed call of a fire said it booked (once per call). */
export function recordBookings(store: Store, events: unknown[]): void {
	for (const event of events) {
		const call = bookedCallFromEvent(event);
		if (!call || store.bookings.some((b) => b.callId === call.callId)) continue;
		const booking = bookingFor(
			call,
			store.campaign(call.campaignId),
			`bkg_${String(store.bookings.length + 1).padStart(4, '0')}`,
		);
		if (booking) store.bookings.push(booking);
	}
}

export function shapeBooking(b: Booking, casing: Casing): Obj {
	if (casing === 'camel') return { ...b };
	const { id, ...rest } = b;
	return {
		PartitionKey: b.campaignId,
		RowKey: id,
		Timestamp: b.createdAt,
		...(pascalize(rest) as Obj),
	};
}

function campaignOrFail(store: Store, id: string): Campaign {
	const campaign = store.campaign(id);
	if (!campaign) throw new ApiError(404, 'Campaign not found');
	return campaign;
}

export const BOOKING_ROUTES: Route<ApiRouteDef>[] = [
	route('GET', '/campaign/:campaignId/bookings', {
		auth: true,
		run: ({ params, store }) => {
			campaignOrFail(store, params.campaignId);
			const list = store.bookings
				.filter((b) => b.campaignId === params.campaignId)
				.map((b) => shapeBooking(b, store.config.casing));
			return { body: wrapList(list, store.config.listShape) };
		},
	}),
	route('GET', '/campaign/:campaignId/bookings/callId/:callId', {
		auth: true,
		run: ({ params, store }) => {
			campaignOrFail(store, params.campaignId);
			// [guess] a call without bookings: an empty list, not a 404
			const list = store.bookings
				.filter((b) => b.campaignId === params.campaignId && b.callId === params.callId)
				.map((b) => shapeBooking(b, store.config.casing));
			return { body: wrapList(list, store.config.listShape) };
		},
	}),
];
