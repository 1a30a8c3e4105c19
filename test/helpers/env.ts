/**
 * Must be imported before anything loads `n8n-core`: n8n-core's InstanceSettings reads
 * N8N_USER_FOLDER and writes `<folder>/.n8n/config` (an encryption key) the first time it is
 * resolved from the DI container. Every test process gets its own throw-away folder, so tests
 * never touch ~/.n8n and parallel test files do not share settings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const userFolder = mkdtempSync(join(tmpdir(), 'n8n-nodes-atlas-engine-'));
process.env.N8N_USER_FOLDER = userFolder;
// Quiet n8n's own logger (winston) unless the developer asks for it.
process.env.N8N_LOG_LEVEL ??= 'silent';
// No telemetry / error reporting from a test process.
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

process.once('exit', () => {
	try {
		rmSync(userFolder, { recursive: true, force: true });
	} catch {
		// best effort: a temp folder left behind is harmless
	}
});

export const engineUserFolder = userFolder;
