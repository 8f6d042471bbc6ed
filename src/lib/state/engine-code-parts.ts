// What `engineCode()` loads: the engine entry points the page's state calls.
export { dashboardParts, settled } from '../engine/dashboard';
export { facets } from '../engine/facets';
export { planAhead } from '../engine/plan-ahead';
export { buildDataset, readFiles } from '../engine/load';
export { redetect } from '../engine/recognise';
export { rehearse } from '../engine/rehearsal';
