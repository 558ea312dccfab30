import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Puts the customer card's query into index.html as a small inline script, so that a card opened by its
 * address asks the API while the app's JavaScript is still loading (web/src/lib/early-card.ts). The
 * query is the one in customer.graphql, with the fragments it spreads (from any .graphql file of the app).
 */
const EARLY_OPERATION = 'WorkspaceCustomerCard';

function earlyCardQuery(): Plugin {
  const src = fileURLToPath(new URL('./src', import.meta.url));
  const file = path.join(src, 'pages', 'customer', 'customer.graphql');
  const script = fileURLToPath(new URL('./early-card.js', import.meta.url));
  return {
    name: 'rapport-early-card-query',
    transformIndexHtml() {
      // Fragments may live in any of the app's .graphql files.
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const f of readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.graphql')))
        for (const d of parse(readFileSync(path.join(src, f), 'utf8')).definitions)
          if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
      const op = parse(readFileSync(file, 'utf8')).definitions.find(
        (d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === EARLY_OPERATION,
      );
      if (!op) throw new Error(`${file} has no operation ${EARLY_OPERATION}`);
      const used = new Map<string, DefinitionNode>();
      const collect = (node: DefinitionNode) =>
        visit(node, {
          FragmentSpread(spread) {
            const f = fragments.get(spread.name.value);
            if (!f) throw new Error(`${EARLY_OPERATION} spreads ...${spread.name.value}, which no .graphql file under web/src defines`);
            if (!used.has(f.name.value)) (used.set(f.name.value, f), collect(f));
          },
        });
      collect(op);
      const query = print({ kind: Kind.DOCUMENT, definitions: [op, ...used.values()] });
      const children = readFileSync(script, 'utf8')
        .replaceAll(/(['"])__OPERATION__\1/g, JSON.stringify(EARLY_OPERATION))
        .replace(/(['"])__QUERY__\1/, () => JSON.stringify(query));
      return [{ tag: 'script', children, injectTo: 'head-prepend' }];
    },
  };
}

/** The web app: built into dist/web, which the Rapport server serves at /. */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), earlyCardQuery()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    rollupOptions: {
      // graphiql's modules carry "use no memo" directives, meaningless once bundled.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/handoffs': 'http://127.0.0.1:4000' } },
});
