// Builds the browser dashboard into dist/dashboard (served by the API at `/`).
//   node apps/dashboard/build.mjs            one-off production build
//   node apps/dashboard/build.mjs --watch    rebuild on change
import * as esbuild from 'esbuild';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const src = join(here, 'src');
const outdir = join(root, 'dist', 'dashboard');
const STATIC_FILES = ['index.html', 'styles.css', 'favicon.svg'];
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: [join(src, 'main.ts')],
  outfile: join(outdir, 'main.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  tsconfig: join(here, 'tsconfig.json'),
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  metafile: true,
};

async function copyStatic() {
  await mkdir(outdir, { recursive: true });
  await Promise.all(STATIC_FILES.map((f) => copyFile(join(src, f), join(outdir, f))));
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

async function report(started) {
  const sizes = await Promise.all(['main.js', ...STATIC_FILES].map(async (f) => [f, (await stat(join(outdir, f))).size]));
  const total = sizes.reduce((n, [, s]) => n + s, 0);
  const parts = sizes.map(([f, s]) => `${f} ${kb(s)}`).join(', ');
  console.log(`dashboard → ${relative(root, outdir)}/: ${kb(total)} (${parts}) in ${Date.now() - started} ms`);
}

try {
  const started = Date.now();
  if (watch) {
    const ctx = await esbuild.context({
      ...options,
      plugins: [
        {
          name: 'copy-static',
          setup(build) {
            let t = Date.now();
            build.onStart(() => {
              t = Date.now();
            });
            build.onEnd(async (result) => {
              if (result.errors.length) return;
              await copyStatic();
              await report(t);
            });
          },
        },
      ],
    });
    await ctx.watch();
    console.log('watching apps/dashboard/src for changes…');
  } else {
    await esbuild.build(options);
    await copyStatic();
    await report(started);
  }
} catch (err) {
  if (!err?.errors) console.error(err);
  process.exit(1);
}
