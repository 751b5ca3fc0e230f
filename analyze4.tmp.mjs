import { build } from 'vite';
const targets = process.argv.slice(2);
const plugin = { name: 'an',
  buildEnd() {
    const main = [...this.getModuleIds()].find((id) => id.endsWith('src/web/main.tsx'));
    const prev = new Map([[main, null]]); const queue = [main];
    while (queue.length) { const id = queue.shift(); const info = this.getModuleInfo(id); if (!info) continue;
      for (const next of info.importedIds) if (!prev.has(next)) { prev.set(next, id); queue.push(next); } }
    for (const t of targets) { const hit = [...prev.keys()].find((id) => id.includes(t)); if (!hit) { console.log(t, 'not reached'); continue; }
      const path = []; for (let id = hit; id; id = prev.get(id)) path.unshift(id.replace(/.*node_modules\//, '').replace(/.*src\//, ''));
      console.log(path.join('\n  → '), '\n'); }
    // sizes: which top-level antd components are in closure
    const comps = new Set(); for (const id of prev.keys()) { const m = /antd\/es\/([^/]+)\//.exec(id); if (m) comps.add(m[1]); }
    console.log('antd dirs reached:', [...comps].sort().join(' '));
  }};
await build({ configFile: 'src/web/vite.config.ts', plugins: [plugin], build: { write: false }, logLevel: 'silent' });
