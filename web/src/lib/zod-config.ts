import { config } from 'zod';

// The BFF's CSP forbids eval: keep zod from probing `new Function` (a reported CSP violation).
// main.tsx imports this module first, so it runs before any module that makes a schema (an object
// schema decides at construction whether it may compile itself).
config({ jitless: true });
