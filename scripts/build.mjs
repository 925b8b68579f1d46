#!/usr/bin/env node
// `npm run build`: compiles docflow to JavaScript in dist/, which `npm start`, `npm run api|worker` and
// bin/docflow.js run. Each TypeScript file of tsconfig.build.json is transpiled on its own (the project is
// `isolatedModules`; type checking is `npm run typecheck`), and web assets are copied. Only what changed
// since the last build is redone, so the check `npm start` runs first is a walk and a stat per file;
// TypeScript is loaded only when something is out of date.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = 'dist';
const configFile = 'tsconfig.build.json';
/** Copied as they are: files the compiled code serves from beside itself. */
const assetDirs = ['web/assets'];
/** A change to any of these recompiles everything. */
const buildInputs = ['tsconfig.json', configFile, 'scripts/build.mjs'];
/** What each output was made from: source path → `mtime:size`, and a hash of the build inputs. */
const manifestFile = path.join(outDir, '.build-manifest.json');

const walk = (dir, keep) =>
  fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return walk(rel, keep);
    return keep(rel) ? [rel] : [];
  });
const exists = (rel) => fs.existsSync(path.join(root, rel));
const version = (rel) => {
  const stat = fs.statSync(path.join(root, rel));
  return `${stat.mtimeMs}:${stat.size}`;
};

/** Every source and asset with the output it becomes. */
function plan() {
  const include = JSON.parse(fs.readFileSync(path.join(root, configFile), 'utf8')).include;
  const isSource = (rel) => rel.endsWith('.ts') && !rel.endsWith('.d.ts');
  const sources = include.filter(exists).flatMap((dir) => walk(dir, isSource));
  const assets = assetDirs.filter(exists).flatMap((dir) => walk(dir, () => true));
  return [
    ...sources.map((source) => ({ source, output: path.posix.join(outDir, source.replace(/\.ts$/, '.js')) })),
    ...assets.map((source) => ({ source, output: path.posix.join(outDir, source), asset: true })),
  ];
}

function inputsHash() {
  const hash = createHash('sha256');
  for (const rel of buildInputs) hash.update(`\0${rel}\0`).update(fs.readFileSync(path.join(root, rel)));
  return hash.digest('hex');
}

function readManifest() {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, manifestFile), 'utf8'));
  } catch {
    return { inputs: '', files: {} };
  }
}

/** Written beside its final name and renamed, so a build killed midway leaves no half-written file. */
function writeAtomically(rel, content) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

function loadTypeScript() {
  try {
    return createRequire(path.join(root, 'package.json'))('typescript');
  } catch {
    throw new Error(
      `${outDir}/ is missing or older than the sources, and TypeScript (a devDependency) is not installed to rebuild it: run \`npm ci\` in ${root}`,
    );
  }
}

/** Brings dist/ up to date; returns how many files it compiled or copied (0: it was up to date). */
export function build() {
  const manifest = readManifest();
  const inputs = inputsHash();
  const everything = manifest.inputs !== inputs;
  const entries = plan().map((entry) => ({ ...entry, version: version(entry.source) }));
  const stale = entries.filter(
    (entry) => everything || manifest.files[entry.source] !== entry.version || !exists(entry.output),
  );
  const current = new Set(entries.map((entry) => entry.source));
  const removed = Object.keys(manifest.files).filter((source) => !current.has(source));
  if (!stale.length && !removed.length) return 0;

  const started = Date.now();
  const sources = stale.filter((entry) => !entry.asset);
  if (sources.length) {
    const ts = loadTypeScript();
    const parsed = ts.getParsedCommandLineOfConfigFile(
      path.join(root, configFile),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    );
    // Every file is an ES module (package.json "type": "module"), which NodeNext would infer per file.
    const compilerOptions = { ...parsed.options, module: ts.ModuleKind.ESNext };
    const errors = [];
    for (const entry of sources) {
      const { outputText, diagnostics = [] } = ts.transpileModule(
        fs.readFileSync(path.join(root, entry.source), 'utf8'),
        { compilerOptions, fileName: entry.source, reportDiagnostics: true },
      );
      // Only the file's own (syntax) errors: option checks assume a whole program, which this is not.
      for (const d of diagnostics.filter((d) => d.file)) {
        const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
        errors.push(`${entry.source}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      }
      writeAtomically(entry.output, outputText);
    }
    if (errors.length) throw new Error(`cannot compile docflow:\n${errors.join('\n')}`);
  }
  for (const entry of stale.filter((e) => e.asset))
    writeAtomically(entry.output, fs.readFileSync(path.join(root, entry.source)));
  for (const source of removed) {
    const output = source.endsWith('.ts') ? source.replace(/\.ts$/, '.js') : source;
    fs.rmSync(path.join(root, outDir, output), { force: true });
  }
  // The versions seen before reading: a file edited while this ran is compiled again next time.
  writeAtomically(
    manifestFile,
    `${JSON.stringify({ inputs, files: Object.fromEntries(entries.map((e) => [e.source, e.version])) })}\n`,
  );
  process.stderr.write(`built ${outDir}/: ${stale.length} file(s) in ${Date.now() - started} ms\n`);
  return stale.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    build();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
