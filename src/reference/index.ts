/** The embedded reference implementation: `startReference` and the fault catalogue. */
export { startReference, STATE_PATH, INFO_PATH, type ReferenceOptions, type ReferenceServer } from './server.js';
export { FAULTS, DEFAULT_SLOW_MS, faultApplies, formatFaultList, parseFaults, type CheckName, type FaultDefinition, type FaultName } from './faults.js';
export { COMETD_MOUNT } from './bayeux.js';
export { loadReferenceInputs, type ReferenceInputs } from './inputs.js';
