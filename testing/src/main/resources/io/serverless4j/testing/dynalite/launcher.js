// Starts dynalite's CLI and exits when the JVM that started it goes away: the JVM holds our stdin open,
// so end-of-file on stdin means the parent died (even by kill -9) and no orphaned server is left behind.
'use strict';
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
require(require('path').join(__dirname, 'node_modules', 'dynalite', 'cli.js'));
