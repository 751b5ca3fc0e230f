/** Public surface of home: its routes (the home pages and the public overview). */
export { homeRoutes } from './home.routes.ts';
