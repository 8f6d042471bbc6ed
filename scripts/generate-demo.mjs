// Writes the bundled demo dataset (static/demo/) from the seeded HubSpot generator.
import { mkdirSync, writeFileSync } from 'node:fs';
import { generateHubspot } from '../tests/generators/hubspot.mjs';

const out = new URL('../static/demo/', import.meta.url);
mkdirSync(out, { recursive: true });
const { deals, spend } = generateHubspot({ deals: 1200, seed: 20250701 });
writeFileSync(new URL('hubspot-demo-deals.csv', out), deals);
writeFileSync(new URL('demo-spend.csv', out), spend);
console.log(`wrote ${deals.length + spend.length} bytes to ${out.pathname}`);
