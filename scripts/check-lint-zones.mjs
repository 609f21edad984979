// Proves that the import boundaries of eslint.config.mjs hold: a few probe files, each importing
// across one boundary, must be refused by import-x/no-restricted-paths, and a probe that imports
// through a module's index.ts must pass. An import the resolver cannot resolve is silently allowed
// by that rule, so without this check a resolver misconfiguration would switch the zones off.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RULE = 'import-x/no-restricted-paths';
const probes = [
  {
    file: 'web/src/features/audit/__lint-probe__.ts',
    code: "import { OUTBOX_QUERY_KEY } from '@/features/mail/api/get-outbox';\nexport const p = OUTBOX_QUERY_KEY;",
    refused: true,
    what: 'a console feature importing another',
  },
  {
    file: 'web/src/lib/__lint-probe__.ts',
    code: "import { OverviewRoute } from '@/app/routes/overview';\nexport const p = OverviewRoute;",
    refused: true,
    what: 'lib/ importing app/',
  },
  {
    file: 'bff/src/modules/overview/__lint-probe__.ts',
    code: "import type { AccountsRepo } from '../accounts/accounts.repo.js';\nexport type P = AccountsRepo;",
    refused: true,
    what: "a server module importing another's repository",
  },
  {
    file: 'bff/src/db/__lint-probe__.ts',
    code: "import { EXPIRES_AT_SQL } from '../modules/sessions/activity.js';\nexport const p = EXPIRES_AT_SQL;",
    refused: true,
    what: 'db/ importing a module',
  },
  {
    file: 'bff/src/lib/__lint-probe__.ts',
    code: "import type { AuditService } from '../modules/audit/index.js';\nexport type P = AuditService;",
    refused: true,
    what: 'lib/ of the server importing a module, even its index.ts',
  },
  {
    file: 'web/src/features/sessions/__lint-probe__.ts',
    code: "import { OverviewRoute } from '@/app/routes/overview';\nexport const p = OverviewRoute;",
    refused: true,
    what: 'a console feature importing app/',
  },
  {
    file: 'shared/src/__lint-probe__.ts',
    code: "import type { AppError } from '../../bff/src/http/app-error.js';\nexport type P = AppError;",
    refused: true,
    what: 'shared/ importing the server',
  },
  {
    file: 'web/src/lib/__lint-probe-bff__.ts',
    code: "import type { AppError } from '../../../bff/src/http/app-error.js';\nexport type P = AppError;",
    refused: true,
    what: 'the console importing the server',
  },
  {
    file: 'bff/src/__lint-probe__.ts',
    code: "import type { Me } from '../../web/src/lib/me';\nexport type P = Me;",
    refused: true,
    what: 'the server importing the console',
  },
  {
    file: 'bff/src/modules/overview/__lint-probe-micc__.ts',
    code: "import { startOpenMediaSim } from '../../micc-sim/server.js';\nexport const p = startOpenMediaSim;",
    refused: true,
    what: 'product code starting the Open Media peer',
  },
  {
    file: 'bff/src/micc-sim/__lint-probe__.ts',
    code: "import type { AuditService } from '../modules/audit/index.js';\nexport type P = AuditService;",
    refused: true,
    what: 'the Open Media peer importing a product module',
  },
  {
    file: 'bff/src/modules/overview/__tests__/__lint-probe-ok__.ts',
    code: "import { startOpenMediaSim } from '../../../micc-sim/server.js';\nexport const p = startOpenMediaSim;",
    refused: false,
    what: 'a test starting the Open Media peer',
  },
  {
    file: 'bff/src/modules/overview/__lint-probe-ok__.ts',
    code: "import type { AccountLookup } from '../accounts/index.js';\nexport type P = AccountLookup;",
    refused: false,
    what: "a server module importing another's index.ts",
  },
];

let failures = 0;
try {
  for (const p of probes) {
    mkdirSync(path.dirname(path.join(root, p.file)), { recursive: true });
    writeFileSync(path.join(root, p.file), `${p.code}\n`);
  }
  const eslint = new ESLint({ cwd: root });
  const results = await eslint.lintFiles(probes.map((p) => p.file));
  for (const p of probes) {
    const result = results.find((r) => r.filePath === path.join(root, p.file));
    const refused = (result?.messages ?? []).some((m) => m.ruleId === RULE);
    const ok = refused === p.refused;
    if (!ok) failures++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${p.refused ? 'refused' : 'allowed'}: ${p.what}`);
  }
} finally {
  for (const p of probes) rmSync(path.join(root, p.file), { force: true });
}
if (failures > 0) {
  console.error(`lint zones: ${failures} probe(s) not judged as the boundaries say`);
  process.exit(1);
}
