import { spawnSync } from 'node:child_process';

/*
 * The first step of `npm test`: the suite drives a real browser (Debian's chromium), runs
 * two servers over a real redis-server (no npm package ships one that installs offline) and
 * unzips the Lambda bundle. When any is missing, this installs it with apt-get if it runs as
 * root, and otherwise stops at once with the one command that installs them.
 */

interface Requirement {
  readonly commands: readonly string[];
  readonly aptPackage: string;
  readonly usedBy: string;
}

const REQUIREMENTS: readonly Requirement[] = [
  { commands: ['chromium', 'chromium-browser'], aptPackage: 'chromium', usedBy: 'the browser tests' },
  { commands: ['redis-server'], aptPackage: 'redis-server', usedBy: 'the live-feed tests over Redis' },
  { commands: ['unzip'], aptPackage: 'unzip', usedBy: 'the Lambda packaging test' },
];

function onPath(command: string): boolean {
  return spawnSync('/bin/sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** apt-get without questions: `env` adds DEBIAN_FRONTEND to the inherited environment. */
function aptGet(args: readonly string[]): boolean {
  return spawnSync('env', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], { stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
}

function main(): number {
  const missing = REQUIREMENTS.filter((requirement) => !requirement.commands.some(onPath));
  if (missing.length === 0) return 0;
  const packages = missing.map((requirement) => requirement.aptPackage);
  const why = missing.map((requirement) => `${requirement.aptPackage} (${requirement.usedBy})`).join(', ');
  const fix = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !onPath('apt-get')) {
    console.error(`test: this machine lacks ${why}.\nInstall them with:\n\n  ${fix}\n\nthen run npm test again.`);
    return 1;
  }
  console.log(`test: installing ${why} with apt-get…`);
  const installed = aptGet(['update', '-qq']) && aptGet(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
  const stillMissing = REQUIREMENTS.filter((requirement) => !requirement.commands.some(onPath)).map((requirement) => requirement.aptPackage);
  if (!installed || stillMissing.length > 0) {
    console.error(`test: apt-get could not install ${stillMissing.join(' ') || packages.join(' ')}; try by hand:\n\n  ${fix.replaceAll('sudo ', '')}\n`);
    return 1;
  }
  console.log(`test: installed ${packages.join(', ')}`);
  return 0;
}

process.exitCode = main();
