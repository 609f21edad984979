#!/usr/bin/env node
// Starts the OIG Admin Console and Session Management Service from this folder (the release
// archive); `bin/oig backup --out <file>` and `bin/oig restore --file <file> [--dry-run]` run the
// configuration backup and restore instead (README.md). Configuration is by environment variable,
// as in README.md. It first checks that this Node is a supported version and the one the archive's
// native module (better-sqlite3) was built for, and says what to do when it is not. Written for
// any Node, so that an old one gets the message.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: an old Node must run it */
var fs = require('fs');
var path = require('path');
var url = require('url');

var root = path.resolve(__dirname, '..');
var release = JSON.parse(fs.readFileSync(path.join(root, 'RELEASE.json'), 'utf8'));
var parts = process.versions.node.split('.').map(Number);
var supported = release.nodeSupported.some(function (s) {
  return s.major === parts[0] && parts[1] >= s.minor;
});
var wanted = release.nodeSupported
  .map(function (s) {
    return s.major + '.' + s.minor + '+';
  })
  .join(', ');

function fail(message) {
  process.stderr.write('oig: ' + message + '\n');
  process.exit(1);
}

if (!supported) {
  var engines = ' (' + release.engines + ').';
  fail('Node ' + process.versions.node + ' is not supported. Supported: Node ' + wanted + engines);
}
var here = process.platform + '-' + process.arch;
var built = release.platform + '-' + release.arch;
if (here !== built || process.versions.modules !== release.nodeAbi) {
  fail(
    'this archive was built for ' +
      built +
      ' with Node ' +
      release.node +
      ' (ABI ' +
      release.nodeAbi +
      '); ' +
      'this is ' +
      here +
      ' with Node ' +
      process.versions.node +
      ' (ABI ' +
      process.versions.modules +
      '). ' +
      'Use an archive built with this Node: run npm run package with it in a checkout of the same version.',
  );
}
var command = process.argv[2];
var entry = command === 'backup' || command === 'restore' ? 'backup-cli.js' : 'index.js';
import(url.pathToFileURL(path.join(root, 'bff', 'dist', entry)).href).catch(function (e) {
  fail('could not start: ' + (e && e.stack ? e.stack : String(e)));
});
