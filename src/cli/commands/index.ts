import type { Command } from 'commander';
import type { ExitCode } from '../main.js';
import { registerExtract } from './extract.js';

/** Each command registers itself on the program and reports its exit code through `setExit`. */
export type RegisterCommand = (program: Command, setExit: (code: ExitCode) => void) => void;

export const commands: RegisterCommand[] = [registerExtract];
