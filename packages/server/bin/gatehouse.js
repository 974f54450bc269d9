#!/usr/bin/env -S node --conditions=source
// The CLI runs from TypeScript source on Node.js 24 (type stripping); no build step.
import '../src/cli/main.ts';
