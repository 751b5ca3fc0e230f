/**
 * Where sign-in leads: back to the app page the visitor was sent from, else the workspace. Only app pages
 * (never another site), and never the sign-in address itself (`/app/login` is no page: it would end on 页面不存在).
 */
export function loginTarget(from: string | undefined): string {
  if (!from?.startsWith('/app')) return '/app';
  const path = from.split(/[?#]/)[0]?.replace(/\/+$/, '') ?? '';
  return path === '/app/login' ? '/app' : from;
}
