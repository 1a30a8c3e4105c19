// The demo's stories, run in this order once n8n is up. A new story is a file in this folder
// (a `Story`, see ../story.ts) and one line here.
import type { Story } from '../story';
import { agentAsks } from './agentAsks';
import { callCompleted } from './callCompleted';
import { leadIsCalled } from './leadIsCalled';

export const stories: Story[] = [
	callCompleted, // Atlas Trigger → Format message → Atlas Call > Get; a duplicate is dropped
	leadIsCalled, // Webhook → Atlas Call > Schedule → the call's call_completed reaches the trigger
	agentAsks, // the agent calls an Atlas Action Trigger mid-call and gets n8n's answer
];
