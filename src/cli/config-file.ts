/**
 * `callconform.yaml` (in the working directory) or `--config FILE`: any `verify` flag by its name
 * without the dashes. Applied to the command's options before its action runs, with commander's
 * own value sources: a flag given on the command line ('cli') wins, a value from the file replaces
 * only a default. Secrets are never read from it (it is committed): CALLCONFORM_* variables.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../spec/errors.js';
import { readYamlWithSchema } from '../spec/schema-file.js';
import configSchema from './config.schema.json' with { type: 'json' };

export { configSchema };

/** Looked for in the working directory when --config is not given. */
export const DEFAULT_CONFIG = 'callconform.yaml';

const SECRET_KEYS: Readonly<Record<string, string>> = {
  token: 'secrets are not read from a config file (it is committed); set CALLCONFORM_TOKEN',
  'secret-header': 'secrets are not read from a config file (it is committed); set CALLCONFORM_SECRET_HEADER (one "Name: value" per line)',
};

type ConfigValue = string | number | boolean | readonly string[];

/** Keys whose values are paths: relative ones are taken from the config file's folder. */
const PATH_KEYS = new Set(Object.entries(configSchema.properties).filter(([, p]) => '$ref' in p && p.$ref === '#/$defs/path').map(([k]) => k));

/** The config file to read: --config FILE, else ./callconform.yaml when there is one. */
export function configPath(given: string | undefined): string | undefined {
  if (given !== undefined) {
    if (!existsSync(given)) throw new InputError('no such config file', { file: given });
    return given;
  }
  return existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined;
}

/** Set the command's options from the file, except those given on the command line. Returns the file read, if any. */
export function applyConfigFile(command: Command, given: string | undefined): string | undefined {
  const file = configPath(given);
  if (file === undefined) return undefined;
  const config = readYamlWithSchema<Record<string, ConfigValue> | null>(file, configSchema, 'config file', SECRET_KEYS) ?? {};
  for (const [key, raw] of Object.entries(config)) {
    const option = command.options.find((o) => o.long === `--${key}`);
    // The schema lists only verify's flags; a flag renamed since would land here.
    if (!option) throw new InputError(`unknown field "${key}"`, { file });
    const name = option.attributeName();
    if (command.getOptionValueSource(name) === 'cli') continue;
    const value = Array.isArray(raw) ? raw : option.variadic ? [String(raw)] : typeof raw === 'number' ? String(raw) : raw;
    command.setOptionValueWithSource(name, PATH_KEYS.has(key) && typeof value === 'string' && !isAbsolute(value) ? resolve(dirname(file), value) : value, 'config');
  }
  return file;
}
