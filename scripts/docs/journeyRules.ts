// What the editor journey (journey.ts) refuses in the text a user reads, as pure functions so
// they are unit-tested (test/unit/journey-rules.test.ts) apart from the browser.

/** A placeholder the HTML rendering swallowed: `?action=` or `Bearer ` followed by nothing. */
export function lostPlaceholders(text: string): string[] {
	const found: string[] = [];
	const patterns: Array<[RegExp, string]> = [
		[/\?action=(?=$|[\s"'),.;:])/m, '"?action=" followed by nothing'],
		[
			/\bBearer(?=$|\s*["'),.;:]|\s*$|\s+(?:and|or|so|for|to|the|a)\b)/m,
			'"Bearer" followed by nothing',
		],
		[/<\s*>|&lt;\s*&gt;/, 'an empty <> placeholder'],
	];
	for (const [pattern, what] of patterns) if (pattern.test(text)) found.push(what);
	return found;
}

/**
 * Words naming a button or action the editor of this line does not have. On n8n 2.x: "Listen for
 * test event" and "activate", unless the sentence says they are n8n 1.x's words
 * ("(n8n 1.x: activate)").
 */
export function foreignWords(text: string, line: 1 | 2): string[] {
	if (line === 1) return [];
	// drop what is explicitly about n8n 1.x: "(n8n 1.x: ...)" or "n8n 1.x: ..." up to the clause's end
	const without = text
		.replace(/\(n8n 1\.x[^)]*\)/gi, ' ')
		.replace(/n8n 1\.x:[^.;)]*/gi, ' ')
		.replace(/\(active\)|\(activate\)/gi, ' ');
	const found: string[] = [];
	if (/listen for test event/i.test(without))
		found.push('"Listen for test event" (2.x: Execute step)');
	if (/\bactivat(e|ed|es|ing|ion)\b/i.test(without)) found.push('"activate" (2.x: Publish)');
	if (/\bsee the README\b/i.test(without)) found.push('"see the README" without a link');
	return found;
}

/** Every problem of one notice, worded for the journey's report. */
export function noticeProblems(where: string, text: string, line: 1 | 2): string[] {
	return [...lostPlaceholders(text), ...foreignWords(text, line)].map(
		(problem) => `${where}: ${problem} in "${text.replace(/\s+/g, ' ').slice(0, 160)}..."`,
	);
}
