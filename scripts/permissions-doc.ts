/** npm run docs:permissions — writes docs/permissions.md from the action definitions. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostedFunctions } from '../server/host/functions';
import { matrixMarkdown } from '../server/security/matrix';

const path = join(__dirname, '..', 'docs', 'permissions.md');
writeFileSync(path, matrixMarkdown([...hostedFunctions().values()].map((f) => f.def)));
process.stdout.write(`wrote ${path}\n`);
