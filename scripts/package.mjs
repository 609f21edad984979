// `npm run package`: the release archive release/oig-<version>.tgz. Extracted anywhere, its
// bin/oig starts the product with only Node installed and no network: the built server
// (bff/dist, @oig/shared bundled in) and console (web/dist), the demo ACL and license
// (bff/assets), and the server's production dependencies copied from this checkout's
// node_modules, the very versions the tests ran, without their install-time tools. Nothing is
// downloaded and no install script runs.
//
// better-sqlite3 carries a native binary built for the Node that installed it: the archive is per
// platform and Node ABI, both recorded in RELEASE.json, and bin/oig refuses another with a clear
// message. Build it with the Node the servers will run.
//
//   node scripts/package.mjs [--no-build] [--out <dir>]
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { supportedNode } from './node-versions.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outDir = args.includes('--out')
  ? path.resolve(args[args.indexOf('--out') + 1])
  : path.join(root, 'release');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Packages only an install step needs (the archive is installed already), and install analytics. */
const NOT_SHIPPED = new Set(['@scarf/scarf', 'prebuild-install']);

/** better-sqlite3 at run time: its JavaScript and the one binary; not its C sources or build tree. */
function keep(pkgDir, name) {
  return (src) => {
    const rel = path.relative(pkgDir, src);
    if (rel === 'node_modules' || rel.startsWith(`node_modules${path.sep}`)) return false;
    if (name !== 'better-sqlite3') return true;
    const top = rel.split(path.sep)[0];
    if (top === 'deps' || top === 'src') return false;
    if (top !== 'build') return true;
    return ['build', 'build/Release', 'build/Release/better_sqlite3.node'].includes(
      rel.split(path.sep).join('/'),
    );
  };
}

/** Where Node finds `name` when required from the folder `from` (inside this checkout). */
function resolvePackage(from, name) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    }
    if (dir === root || !dir.startsWith(root)) return undefined;
  }
}

/** Every package the server loads at run time, by folder: its dependencies' closure. */
function productionPackages(bffPkg) {
  const found = new Map();
  const visit = (from, name, optional) => {
    if (NOT_SHIPPED.has(name) || name.startsWith('@oig/') || name.startsWith('@types/')) return;
    const dir = resolvePackage(from, name);
    if (!dir) {
      if (optional) return;
      throw new Error(`package: ${name} (needed from ${path.relative(root, from) || '.'}) is not installed`);
    }
    if (found.has(dir)) return;
    const pkg = readJson(path.join(dir, 'package.json'));
    found.set(dir, { name, version: pkg.version });
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dir, dep, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dir, dep, true);
    // A peer the checkout does not have is one the server does not load.
    for (const dep of Object.keys(pkg.peerDependencies ?? {})) visit(dir, dep, true);
  };
  for (const name of Object.keys(bffPkg.dependencies)) visit(path.join(root, 'bff'), name, false);
  return found;
}

const rootPkg = readJson(path.join(root, 'package.json'));
const bffPkg = readJson(path.join(root, 'bff', 'package.json'));
const version = rootPkg.version;

if (!args.includes('--no-build')) {
  execFileSync(
    process.execPath,
    [path.join(root, 'scripts/turbo.mjs'), 'run', 'build', '--filter=@oig/bff', '--filter=@oig/web'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
for (const file of ['bff/dist/index.js', 'bff/dist/backup-cli.js', 'web/dist/index.html']) {
  if (!existsSync(path.join(root, file))) {
    console.error(`package: ${file} is missing: build first (npm run build), or leave out --no-build`);
    process.exit(1);
  }
}

const stageParent = mkdtempSync(path.join(tmpdir(), 'oig-package-'));
const name = `oig-${version}`;
const stage = path.join(stageParent, name);
try {
  mkdirSync(stage);
  cpSync(path.join(root, 'bff/dist'), path.join(stage, 'bff/dist'), { recursive: true });
  cpSync(path.join(root, 'bff/assets'), path.join(stage, 'bff/assets'), { recursive: true });
  cpSync(path.join(root, 'web/dist'), path.join(stage, 'web/dist'), { recursive: true });
  // The server is an ES module; the folder keeps the checkout's layout, which it finds its files by.
  writeFileSync(
    path.join(stage, 'bff/package.json'),
    `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`,
  );

  const packages = productionPackages(bffPkg);
  for (const [dir, pkg] of packages) {
    cpSync(dir, path.join(stage, path.relative(root, dir)), { recursive: true, filter: keep(dir, pkg.name) });
  }
  // The server's own dependencies, at the versions shipped (for the reader; nothing installs them).
  const dependencies = Object.fromEntries(
    Object.keys(bffPkg.dependencies)
      .map((dep) => packages.get(resolvePackage(path.join(root, 'bff'), dep)))
      .filter((p) => p !== undefined)
      .map((p) => [p.name, p.version]),
  );
  const engines = rootPkg.engines.node;
  const release = {
    name: 'oig',
    version,
    node: process.versions.node,
    nodeAbi: process.versions.modules,
    platform: process.platform,
    arch: process.arch,
    nodeSupported: supportedNode(engines),
    engines,
    packages: [...packages.values()].map((p) => `${p.name}@${p.version}`).sort(),
  };
  writeFileSync(path.join(stage, 'RELEASE.json'), `${JSON.stringify(release, null, 2)}\n`);
  writeFileSync(
    path.join(stage, 'package.json'),
    `${JSON.stringify(
      {
        name: 'oig',
        version,
        private: true,
        description: rootPkg.description,
        engines: { node: engines },
        bin: { oig: 'bin/oig' },
        dependencies,
        scarfSettings: { enabled: false },
      },
      null,
      2,
    )}\n`,
  );
  mkdirSync(path.join(stage, 'bin'));
  cpSync(path.join(root, 'scripts/release/oig.cjs'), path.join(stage, 'bin/oig'));
  chmodSync(path.join(stage, 'bin/oig'), 0o755);
  cpSync(path.join(root, 'scripts/release/README.md'), path.join(stage, 'README.md'));

  mkdirSync(outDir, { recursive: true });
  const archive = path.join(outDir, `${name}.tgz`);
  execFileSync('tar', [
    '-czf',
    archive,
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '-C',
    stageParent,
    name,
  ]);
  console.log(
    `package: ${path.relative(process.cwd(), archive) || archive} (${packages.size} packages; ` +
      `Node ${process.versions.node}, ABI ${process.versions.modules}, ${process.platform}-${process.arch})`,
  );
} finally {
  rmSync(stageParent, { recursive: true, force: true });
}
