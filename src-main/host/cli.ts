// The `plantbridge` command line. Every usage problem (bad flag, bad config, port in use) is one clear line on
// stderr and exit code 2, with nothing left running.
// First: node-opcua must not print onto our stdout (see the module).
import '../adapters/opcua/opcua-log-routing.js';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { hashPassword } from '../adapters/auth/password-hash.js';
import type { ServeFlags } from './config-flags.js';
import type { SimulateFlags } from './simulate-command.js';
import type { SparkplugCheckFlags } from './sparkplug-check-command.js';
import type { UsersAddFlags } from './users-command.js';
import { loadProjectFile, UsageError } from './config-load.js';
import { readPasswordFromStdin } from './stdin-password.js';
import { PLANTBRIDGE_VERSION } from './version.js';

// The commands that run the plant load node-opcua and friends: loaded only when used, so --help is instant.
const runServe = async (flags: ServeFlags) => (await import('./serve-command.js')).runServe(flags);
const runStart = async (flags: ServeFlags) => (await import('./start-command.js')).runStart(flags);
const runSparkplugCheck = async (flags: SparkplugCheckFlags) =>
  (await import('./sparkplug-check-command.js')).runSparkplugCheckCommand(flags);
const usersModule = () => import('./users-command.js');
const print = (text: string): void => void process.stdout.write(text);
const runSimulate = async (flags: SimulateFlags) => (await import('./simulate-command.js')).runSimulate(flags);

function portNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('expected a port number 0–65535');
  return n;
}

function count(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 100_000) throw new InvalidArgumentError('expected a whole number 0–100000');
  return n;
}

function serveOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'project file (JSON); default: the built-in simulator project')
    .option('--data-dir <dir>', 'where the database, PKI and logs live', './data')
    .option('--bind <addr>', 'address of the UI/API and the bridge OPC UA server', '127.0.0.1')
    .addOption(new Option('--http-port <n>', 'UI/API port (default 8080)').argParser(portNumber))
    .addOption(new Option('--opcua-port <n>', 'bridge OPC UA server port (default 4840)').argParser(portNumber))
    .option('--mqtt-url <url>', 'MQTT broker URL, or `none`; default: an embedded broker on mqtt://127.0.0.1:1883')
    .addOption(new Option('--mqtt-port <n>', 'port of the embedded broker (default 1883)').argParser(portNumber))
    .option('--uplink <kind>', 'json (default), sparkplug, or both')
    .option('--no-simulator', 'do not start the built-in plant simulator')
    .addOption(new Option('--sim-port <n>', 'simulator port (default 4841)').argParser(portNumber))
    .addOption(new Option('--sim-tags <n>', 'extra changing simulator tags for load tests (default 0)').argParser(count))
    .option('--opcua-insecure', 'commissioning only: allow SecurityMode None and anonymous on the bridge server (loopback only)');
}

export function buildProgram(): Command {
  const program = new Command('plantbridge')
    .description('OPC UA / SCADA bridge: plant tags to a historian, alarms, an OPC UA server and an MQTT uplink')
    .version(PLANTBRIDGE_VERSION)
    .exitOverride()
    .showHelpAfterError('(run `plantbridge --help` for the commands and flags)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  serveOptions(program.command('serve').description('run headless; the UI is served over HTTP')).action(
    async (flags: ServeFlags) => runServe(flags),
  );
  serveOptions(
    program.command('start').description('open the desktop window (Electron), or run headless when it is missing'),
  ).action(async (flags: ServeFlags) => runStart(flags));
  program
    .command('simulate')
    .description('run the plant simulator alone (a real OPC UA server)')
    .addOption(new Option('--port <n>', 'OPC UA port').argParser(portNumber).default(4841))
    .addOption(new Option('--tags <n>', 'extra changing tags for load tests').argParser(count).default(0))
    .addOption(new Option('--seed <n>', 'random seed (same seed, same plant)').argParser(count).default(1))
    .option('--bind <addr>', 'bind address', '127.0.0.1')
    .option('--data-dir <dir>', 'where the simulator keeps its PKI', './data')
    .action(async (flags: SimulateFlags) => runSimulate(flags));
  program
    .command('sparkplug-check')
    .description("verify a Sparkplug B edge node's output on a broker, rule by rule (exit 1 if a rule fails)")
    .requiredOption('--mqtt-url <url>', 'the broker the edge node publishes to')
    .option('--group <id>', 'only this Sparkplug group')
    .option('--edge-node <id>', 'only this edge node')
    .option('--primary-host <id>', 'also check STATE handling for this primary host id')
    .addOption(new Option('--seconds <n>', 'how long to watch').argParser(count).default(20))
    .option('--username <name>', 'broker user name')
    .option('--password-env <VAR>', 'environment variable holding the broker password')
    .option('--no-rebirth', 'do not request a rebirth (then births are only judged if they happen)')
    .action(async (flags: SparkplugCheckFlags) => runSparkplugCheck(flags));
  program
    .command('hash-password')
    .description('print a password hash for the `users` section of the project file (reads the password from stdin)')
    .action(async () => {
      const password = await readPasswordFromStdin();
      if (password.length < 8) throw new UsageError('a password needs at least 8 characters');
      process.stdout.write(`${hashPassword(password)}\n`);
    });
  const users = program.command('users').description('accounts of the UI/API and the bridge OPC UA server (hashed, in the data dir)');
  users
    .command('add')
    .description('add or update a user; the password is read from stdin')
    .argument('<name>', 'user name')
    .requiredOption('--role <role>', 'viewer, operator or engineer')
    .option('--password-stdin', 'read the password from stdin (required: never on the command line)')
    .option('--data-dir <dir>', 'the data dir of the PlantBridge to manage', './data')
    .action(async (name: string, flags: UsersAddFlags) => print(await (await usersModule()).usersAdd(name, flags)));
  users
    .command('list')
    .description('list the users (with --config, also those of a project file)')
    .option('--data-dir <dir>', 'the data dir of the PlantBridge to manage', './data')
    .option('--config <file>', 'project file whose users to list too')
    .action(async (flags: { dataDir: string; config?: string }) => print(await (await usersModule()).usersList(flags.dataDir, flags.config)));
  users
    .command('remove')
    .description('remove a user from the data dir')
    .argument('<name>', 'user name')
    .option('--data-dir <dir>', 'the data dir of the PlantBridge to manage', './data')
    .action(async (name: string, flags: { dataDir: string }) => print(await (await usersModule()).usersRemove(name, flags.dataDir)));
  program
    .command('check-config')
    .description('validate a project file and report every problem')
    .argument('<file>', 'project file (JSON)')
    .action(async (file: string) => {
      await loadProjectFile(file);
      process.stdout.write(`${file}: valid\n`);
    });
  return program;
}

/** The command names, so the desktop app can tell `PlantBridge serve …` (CLI) from a plain start (window). */
export const CLI_COMMANDS = ['serve', 'start', 'simulate', 'sparkplug-check', 'hash-password', 'users', 'check-config', 'help'];

/** Runs the CLI. `from: 'electron'` when the installed desktop app is started with a command. */
export async function main(argv: string[], from: 'node' | 'electron' = 'node'): Promise<void> {
  try {
    await buildProgram().parseAsync(argv, { from });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      process.exit(err.exitCode === 0 ? 0 : 2);
    }
    process.stderr.write(`plantbridge: ${(err as Error).message}\n`);
    process.exit(2);
  }
}

