#!/usr/bin/env node
// `pretest`: the browser tests (tests/e2e/) drive Debian's Chromium, with Noto CJK so that the Chinese UI renders
// in their screenshots. This finds the browser where the tests will look for it (CHROMIUM_PATH, else
// /usr/bin/chromium) and, when it or the fonts are missing, installs Debian's packages if it can (root with
// apt-get, as on CI or a new server). Where it cannot, it stops at once with the exact command to run, instead of
// letting the suite run for minutes and fail in the browser file.
// `--dry-run` says what it would install and exits 0 without changing anything.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const FONTS = 'fonts-noto-cjk';
const dryRun = process.argv.includes('--dry-run');

const isExecutable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const hasCommand = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
/** Whether dpkg lists the package as installed; undefined where there is no dpkg to ask. */
const dpkgInstalled = (pkg) => {
  if (!hasCommand('dpkg-query')) return undefined;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a JS template
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === 'install ok installed';
};
const fail = (lines) => {
  console.error(['', ...lines, ''].join('\n'));
  process.exit(1);
};

const explicit = process.env.CHROMIUM_PATH;
const chromium = explicit || DEFAULT_CHROMIUM;

if (explicit && !isExecutable(explicit)) {
  // Installing Debian's package would not put a browser at a path the user chose, so say what is wrong.
  fail([
    `The browser tests need Chromium, but CHROMIUM_PATH=${explicit} is not an executable file.`,
    `Point CHROMIUM_PATH at a Chromium executable, or unset it to use Debian's (${DEFAULT_CHROMIUM}).`,
  ]);
}

const missing = [];
if (!isExecutable(chromium)) missing.push('chromium');
if (dpkgInstalled(FONTS) === false) missing.push(FONTS);
if (!missing.length) process.exit(0);

const isRoot = process.getuid?.() === 0;
const hasApt = hasCommand('apt-get');
const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;

if (!hasApt) {
  if (!missing.includes('chromium')) process.exit(0); // fonts only matter to the screenshots' looks
  fail([
    `The browser tests need Chromium, which is not at ${chromium}, and there is no apt-get to install it.`,
    "Install Chromium with your system's package manager, then run the tests with its path:",
    '  CHROMIUM_PATH=/path/to/chromium npm test',
  ]);
}
if (!isRoot) {
  const sudo = `sudo sh -c '${command}'`;
  if (!missing.includes('chromium')) {
    // The tests pass without the fonts; only the screenshots show boxes instead of Chinese.
    console.warn(`Note: ${FONTS} is not installed, so screenshots will not render Chinese. To install it:\n  ${sudo}`);
    process.exit(0);
  }
  fail([
    `The browser tests need Debian's Chromium (${missing.join(' and ')} missing), and installing it needs root.`,
    'Run this, then npm test again:',
    `  ${sudo}`,
    'Or point CHROMIUM_PATH at a Chromium executable you have.',
  ]);
}

if (dryRun) {
  console.log(`Would run: ${command}`);
  process.exit(0);
}
console.log(`Installing ${missing.join(' and ')} for the browser tests: ${command}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', ...missing],
]) {
  const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (r.status !== 0)
    fail([`apt-get ${args.join(' ')} failed (exit ${r.status ?? r.signal}).`, `Run by hand: ${command}`]);
}
if (!isExecutable(chromium)) fail([`apt-get installed chromium, but there is still no executable at ${chromium}.`]);
console.log(`Chromium is at ${chromium}`);
