// Imports n8n's community-package scanner (@n8n/scan-community-package/scanner/scanner.mjs)
// for eslint.config.mjs and scripts/scan.mjs.
//
// Importing the scanner module creates a temp directory (tmp.dirSync) it only needs when it
// downloads packages from the registry. Point it into a private folder and remove that again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** @param {string} prefix the private temp folder's name prefix (under os.tmpdir()) */
export async function importScanner(prefix) {
	const previous = process.env.TMPDIR;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	process.env.TMPDIR = dir;
	try {
		return await import('@n8n/scan-community-package/scanner/scanner.mjs');
	} finally {
		if (previous === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = previous;
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
