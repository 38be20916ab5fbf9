import type { RegisterCommand } from './index.js';

export const registerExtract: RegisterCommand = (program, setExit) => {
  program
    .command('extract')
    .description('Extract one YAML spec per operation from the pages under specs/sources/ (work in progress)')
    .option('--check', 'exit 1 and name the stale file when committed specs differ from a fresh extraction')
    .action(() => setExit(0));
};
