import { SCHEDULE_REFUSALS } from '../../../../shared/atlas/endpoints';
import type { ErrorWords } from '../../../../shared/transport/request';

/** Atlas's refusals of a scheduled call, in words a no-code user can act on. */
export function scheduleRefusal(
	campaignId: string,
	phone: string,
): (status: number, said: string | undefined) => ErrorWords | undefined {
	return (status, said) => {
		const atlasSaid = said ? ` Atlas said: ${said}` : '';
		if (said && SCHEDULE_REFUSALS.dailyLimit.test(said)) {
			return {
				message: `The daily outbound call limit of campaign "${campaignId}" is reached`,
				description: `No call was scheduled for ${phone}. Atlas limits how many outbound calls a phone number makes per day: try again tomorrow, or add phone numbers to the campaign in Atlas.${atlasSaid}`,
			};
		}
		if (status === 404) {
			return {
				message: `Campaign "${campaignId}" was not found in Atlas`,
				description:
					"No call was scheduled. Pick the campaign from the list, or check its ID: it may have been deleted, or belong to another Atlas account than the credential's.",
			};
		}
		if (status !== 400 && status !== 422) return undefined;
		if (said && SCHEDULE_REFUSALS.notOutbound.test(said)) {
			return {
				message: `Campaign "${campaignId}" is not an outbound campaign`,
				description: `No call was scheduled. Atlas places calls only from outbound voice campaigns: pick one, or change the campaign's type in Atlas.${atlasSaid}`,
			};
		}
		if (said && SCHEDULE_REFUSALS.number.test(said)) {
			return {
				message: `Atlas rejected the phone number ${phone}`,
				description: `No call was scheduled. The number was sent in international form; check that it is a real number that can receive calls (not a short code or a landline extension).${atlasSaid}`,
			};
		}
		return undefined;
	};
}
