// scripts/engine-settings.ts: n8n 2.x's expression-engine settings read from an environment the
// way @n8n/config reads them, and the one line the demo and the benchmarks print.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
	ENGINE_DEFAULTS,
	describeEngineSettings,
	engineEnv,
	engineSettings,
} from '../../scripts/engine-settings';

describe('engine settings', () => {
	it("an empty environment gives n8n 2.41's defaults", () => {
		assert.deepEqual(engineSettings({}), ENGINE_DEFAULTS);
		assert.equal(
			describeEngineSettings({}),
			"expressions: vm engine (isolates), pool 1, lazy acquire off, compile cache off (n8n's defaults)",
		);
	});

	it('reads the values as @n8n/config does (true/1, false/0; invalid values keep the default)', () => {
		const env = {
			N8N_EXPRESSION_ENGINE_POOL_SIZE: '4',
			N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: '1',
			N8N_EXPRESSION_ENGINE_COMPILE_CACHE: 'TRUE',
		};
		assert.deepEqual(engineSettings(env), {
			engine: 'vm',
			poolSize: 4,
			lazyAcquire: true,
			compileCache: true,
		});
		assert.equal(
			describeEngineSettings(env),
			'expressions: vm engine (isolates), pool 4, lazy acquire on, compile cache on',
		);
		assert.deepEqual(
			engineSettings({
				N8N_EXPRESSION_ENGINE: 'fast',
				N8N_EXPRESSION_ENGINE_POOL_SIZE: 'many',
				N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'yes',
			}),
			ENGINE_DEFAULTS,
		);
	});

	it('names the legacy and quickjs engines, and n8n 1.x, which has no such settings', () => {
		assert.match(
			describeEngineSettings({ N8N_EXPRESSION_ENGINE: 'legacy' }),
			/legacy engine \(in process, not isolated/,
		);
		assert.match(describeEngineSettings({ N8N_EXPRESSION_ENGINE: 'quickjs' }), /quickjs engine/);
		assert.equal(
			describeEngineSettings({ N8N_EXPRESSION_ENGINE: 'legacy' }, 1),
			'expressions: n8n 1.x (in process, no isolates)',
		);
	});

	it('engineEnv gives only the entries that differ from the defaults, and reads back the same', () => {
		const settings = { poolSize: 4, lazyAcquire: true, compileCache: false };
		const env = engineEnv(settings);
		assert.deepEqual(env, {
			N8N_EXPRESSION_ENGINE_POOL_SIZE: '4',
			N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
		});
		assert.deepEqual(engineSettings(env), { ...ENGINE_DEFAULTS, ...settings });
	});
});
