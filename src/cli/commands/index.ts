import type { Command } from 'commander';
import type { ExitCode } from '../main.js';
import { registerExtract } from './extract.js';
import { registerBuild } from './build.js';
import { registerPactVerify } from './pact-verify.js';
import { registerServe } from './serve.js';
import { registerDrift } from './drift.js';
import { registerLint } from './lint.js';
import { registerVerify } from './verify.js';
import { registerStart } from './start.js';
import { registerDiffReports } from './diff-reports.js';
import { registerCheckCertificate } from './check-certificate.js';

/** Each command registers itself on the program and reports its exit code through `setExit`. */
export type RegisterCommand = (program: Command, setExit: (code: ExitCode) => void) => void;

export const commands: RegisterCommand[] = [registerExtract, registerLint, registerBuild, registerPactVerify, registerDrift, registerServe, registerVerify, registerStart, registerDiffReports, registerCheckCertificate];
