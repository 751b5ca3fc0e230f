import { build } from 'vite';
let closure = new Set();
const plugin = { name: 'an',
  buildEnd() {
    const main = [...this.getModuleIds()].find((id) => id.endsWith('src/web/main.tsx'));
    const stack = [main];
    while (stack.length) { const id = stack.pop(); if (closure.has(id)) continue; closure.add(id); const info = this.getModuleInfo(id); if (info) stack.push(...info.importedIds); }
  },
  generateBundle(_o, bundle) {
  for (const c of Object.values(bundle)) {
    if (c.type !== 'chunk' || !/I18nProvider|index-/.test(c.fileName)) continue;
    const groups = {}; let outside = 0, inside = 0;
    for (const [id, m] of Object.entries(c.modules)) {
      const key = id.includes('node_modules') ? id.replace(/.*node_modules\//,'').split('/').slice(0, 3).join('/') : id.replace(/.*src\//,'');
      if (closure.has(id)) { inside += m.renderedLength; continue; }
      outside += m.renderedLength;
      groups[key] = (groups[key] ?? 0) + m.renderedLength;
    }
    console.log('==', c.fileName, 'in entry closure', inside, 'not needed by the entry', outside);
    console.log(Object.entries(groups).sort((a,b)=>b[1]-a[1]).slice(0,30).map(([k,v])=>`${(v/1024).toFixed(1)}k ${k}`).join('\n'));
  }
}};
await build({ configFile: 'src/web/vite.config.ts', plugins: [plugin], build: { write: false }, logLevel: 'silent' });
