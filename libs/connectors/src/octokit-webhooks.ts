import { existsSync } from 'node:fs';
import { join } from 'node:path';

type Verify = (secret: string, payload: string, signature: string) => Promise<boolean>;
type Sign = (secret: string, payload: string) => Promise<string>;

let loaded: { verify: Verify; sign: Sign } | undefined;

/**
 * `@octokit/webhooks-methods` 6 is an ES module whose `exports` offer no `require` condition, and
 * this project compiles to CommonJS (and Jest runs it in its own module registry). Node 20.19+
 * can `require()` an ES module file, so the package's file is loaded with Node's own `require`
 * (taken from the built-in `module`, which also sidesteps Jest's registry).
 */
export function octokitWebhooks(): { verify: Verify; sign: Sign } {
  if (loaded) return loaded;
  const nodeRequire = process.getBuiltinModule('node:module').createRequire(__filename);
  const file = (nodeRequire.resolve.paths('@octokit/webhooks-methods') ?? [])
    .map((dir) => join(dir, '@octokit', 'webhooks-methods', 'dist-node', 'index.js'))
    .find((path) => existsSync(path));
  if (!file) throw new Error('@octokit/webhooks-methods is not installed');
  loaded = nodeRequire(file) as { verify: Verify; sign: Sign };
  return loaded;
}
