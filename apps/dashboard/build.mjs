// Builds the browser dashboard into dist/dashboard (served by the API at `/`).
//   node apps/dashboard/build.mjs            one-off production build
//   node apps/dashboard/build.mjs --watch    rebuild on change
// Scripts and styles get content hashes in their names (cached forever by the API);
// index.html names the current ones and is never cached.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const src = join(here, 'src');
const outdir = join(root, 'dist', 'dashboard');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: [join(src, 'main.tsx'), join(src, 'styles.css')],
  outdir,
  entryNames: 'assets/[name]-[hash]',
  bundle: true,
  format: 'esm',
  splitting: false,
  platform: 'browser',
  target: 'es2020',
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  tsconfig: join(here, 'tsconfig.json'),
  define: { 'process.env.NODE_ENV': '"production"' },
  // libs/kpi reads only rules and types from the contracts; their event schemas (zod) stay out.
  alias: { '@rapport/contracts': join(root, 'libs/contracts/src/browser.ts') },
  logLevel: 'warning',
  metafile: true,
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/** index.html from its template, pointing at this build's hashed files; prints their gzipped weight. */
async function writeIndex(result, started) {
  const outputs = Object.entries(result.metafile.outputs).filter(([f]) => !f.endsWith('.map') && !f.endsWith('.LEGAL.txt'));
  const js = outputs.find(([f]) => f.endsWith('.js'))[0];
  const css = outputs.find(([f]) => f.endsWith('.css'))[0];
  const url = (f) => `/${relative(outdir, resolve(root, f))}`;
  const template = await readFile(join(src, 'index.html'), 'utf8');
  await writeFile(join(outdir, 'index.html'), template.replace('%MAIN_JS%', url(js)).replace('%STYLES_CSS%', url(css)));
  await copyFile(join(src, 'favicon.svg'), join(outdir, 'favicon.svg'));
  const sizes = await Promise.all(
    [js, css].map(async (f) => [basename(f), (await readFile(resolve(root, f))).length, gzipSync(await readFile(resolve(root, f))).length]),
  );
  const parts = sizes.map(([f, s, g]) => `${f} ${kb(s)} (${kb(g)} gzipped)`).join(', ');
  console.log(`dashboard → ${relative(root, outdir)}/: ${parts} in ${Date.now() - started} ms`);
}

try {
  const started = Date.now();
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  if (watch) {
    const ctx = await esbuild.context({
      ...options,
      plugins: [
        {
          name: 'index-html',
          setup(build) {
            let t = Date.now();
            build.onStart(() => {
              t = Date.now();
            });
            build.onEnd(async (result) => {
              if (!result.errors.length) await writeIndex(result, t);
            });
          },
        },
      ],
    });
    await ctx.watch();
    console.log('watching apps/dashboard/src for changes…');
  } else {
    await writeIndex(await esbuild.build(options), started);
  }
} catch (err) {
  if (!err?.errors) console.error(err);
  process.exit(1);
}
