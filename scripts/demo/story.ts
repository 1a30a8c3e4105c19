// What a demo story gets (the running n8n, the emulator, a logged-in client, the Atlas
// credential) and what it gives back (its problems, and its section of the summary).
import type { Emulator } from '../../test/emulator';
import type { N8nClient, Workflow } from '../../test/rig/client';
import type { N8nInstance } from '../../test/rig/n8n';
import type { Args } from './args';

export interface Demo {
	args: Args;
	n8n: N8nInstance;
	emulator: Emulator;
	/** logged in as the demo owner, with an API key (for the executions API) */
	client: N8nClient;
	/** the Atlas API credential ("Atlas (demo emulator)"), pointed at this run's emulator */
	credential: { id: string; name: string };
	/** examples/demo-call-completed.json, active: set by the call-completed story */
	callCompletedWorkflow?: Workflow;
}

export interface StoryResult {
	/** what did not work (none: the story worked); a story that cannot go on throws DemoError */
	problems?: string[];
	/** prints the story's section of the summary (after every story ran); answers its problems */
	summary?: () => string[];
}

/** One story of the demo: prints its steps as it goes (output.ts: step, done, note). */
export type Story = (demo: Demo) => Promise<StoryResult>;
