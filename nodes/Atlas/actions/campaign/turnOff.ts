import { statusOperation } from './status';

export const { description, execute } = statusOperation('turnOff');
