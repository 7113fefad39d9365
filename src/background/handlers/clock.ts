/** Popup requests about the clock check: its state, and the person's go-ahead for a large correction. */
import { clockStatus, confirmClock } from '../clock';
import type { PartialHandlers } from './types';

export const clockHandlers: PartialHandlers<'clock/get' | 'clock/confirm'> = {
  'clock/get': () => clockStatus(),
  'clock/confirm': ({ offsetMs }) => confirmClock(offsetMs),
};
