/*
 * The form label a user sees for each field the nodes send to Atlas. Atlas's error answers name
 * its own fields ("customerName should not be empty"); the user knows the form's words.
 */
export const FORM_LABELS: Readonly<Record<string, string>> = {
	campaignId: 'Campaign',
	customerName: 'Customer Name',
	customerPhoneNumber: 'Phone Number',
	customerInfo: 'Customer Info',
	scheduledDate: 'Date and Time',
	customMessage: 'First Message',
	sessionId: 'Session ID',
	message: 'Message',
	agentId: 'Agent ID',
	attachments: 'Attachments',
	hookUrl: 'Webhook URL',
	triggerName: 'Event',
	provider: 'Provider',
	enabled: 'Human Hand-Off',
};

/** Atlas's words with the fields of this request named by their form labels. */
export function withFormLabels(
	said: string,
	sent: Readonly<Record<string, unknown>> | undefined,
): { text: string; labels: string[] } {
	const labels: string[] = [];
	let text = said;
	for (const field of Object.keys(sent ?? {})) {
		const label = FORM_LABELS[field];
		if (!label) continue;
		const named = new RegExp(`(?<![\\w.])${field}(?![\\w])`, 'g');
		if (!named.test(text)) continue;
		text = text.replace(named, `"${label}"`);
		labels.push(label);
	}
	return { text, labels };
}
