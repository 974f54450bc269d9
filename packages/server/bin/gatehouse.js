#!/usr/bin/env node
// The CLI runs from TypeScript source on Node.js 24 (type stripping); no build step.
import '../src/cli/main.ts';
