/*
 * Where the manual is, for notices that need more than a line: the package's README on GitHub
 * (package.json "homepage"). A notice renders HTML, so the link opens from the editor.
 */
export const README_URL = 'https://github.com/n8n-nodes-atlas/n8n-nodes-atlas#readme';

/** An HTML link to a README section (its GitHub anchor), opening in a new tab. */
export function readmeLink(anchor: string, text: string): string {
	const url = README_URL.replace('#readme', `#${anchor}`);
	return `<a href="${url}" target="_blank">${text}</a>`;
}

/** The editor's words for testing a trigger and for turning a workflow on, on both n8n lines. */
export const TEST_WORDS = '"Execute step" (n8n 1.x: "Listen for test event")';
export const PUBLISH_WORDS = 'publish (n8n 1.x: activate)';
