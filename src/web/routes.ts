/**
 * The one table of the web app's pages: the address, the module under src/web/pages that draws it, and (in the
 * signed-in area) the role-table key that guards it. App.tsx builds the router from it, and the build reads it to
 * write dist/web/preload.json (each page's chunks), from which the server names a page's files in the shell it
 * sends for that address, so they load beside the app's own rather than after it (ADR 0017).
 *
 * Plain data without imports of code: the Vite config reads it too.
 */
import type { NavKey } from './roleAccess.ts';

export interface PageRoute {
  /** The address: '' for the area's start, ':name' for one segment, '*' for any other address. */
  path: string;
  /** The module under src/web/pages, without '.tsx'; its default export, or the export named `exportName`. */
  page: string;
  exportName?: string;
  /** The role-table key that guards the page (signed-in area). */
  gate?: NavKey;
  /**
   * The API reads the page makes first for an address's query, started by boot.ts before the app's code has loaded
   * (each exactly as the page asks for it; the browser test 'early requests' checks that each is asked for once).
   */
  early?: (query: URLSearchParams) => string[];
}

/** Public pages, under '/'. */
export const PUBLIC_ROUTES: readonly PageRoute[] = [
  { path: '', page: 'PublicHome', early: () => ['/api/public/overview'] },
  { path: 'login', page: 'LoginPage', exportName: 'LoginPage' },
  { path: 'size-test', page: 'SizeTestPage' },
  { path: 'policies', page: 'policies/LibraryPage' },
  { path: 'policies/:id', page: 'policies/PolicyPage' },
  { path: 'payment-calculator', page: 'payments/PaymentCalculatorPage' },
  { path: 'arrears-disclosures', page: 'payer/PublicDisclosuresPage' },
  { path: 'financing/settings', page: 'financing/FinancingSettingsPage' },
  { path: 'monitoring', page: 'monitoring/PublicIndexPage' },
  { path: 'monitoring/registry', page: 'monitoring/PublicRegistryPage' },
  { path: 'monitoring/:surveyId', page: 'monitoring/PublicSeriesPage' },
  { path: 'monitoring/releases/:id', page: 'monitoring/PublicReleasePage' },
  { path: 'procurement-calculator', page: 'procurement/CalculatorPage' },
  { path: 'procurement/reports', page: 'procurement/PublicReportsPage' },
  { path: 'cultivation/notices', page: 'cultivation/PublicNoticesPage' },
  { path: 'cultivation/recognitions', page: 'cultivation/PublicRecognitionsPage' },
  { path: 'procurement/reports/:id', page: 'procurement/PublicReportPage' },
];

/** Pages of the signed-in area, under '/app/'. */
export const APP_ROUTES: readonly PageRoute[] = [
  { path: '', page: 'home/HomePage' },
  {
    path: 'enterprises',
    page: 'enterprises/EnterprisesPage',
    gate: 'enterprises',
    early: (query) => [
      ...(query.size === 0 ? ['/api/enterprises?page=1&pageSize=20'] : []),
      '/api/registry/stats',
      '/api/industries',
    ],
  },
  { path: 'enterprises/:id', page: 'enterprises/EnterpriseDetailPage', gate: 'enterprises' },
  { path: 'stats', page: 'stats/StatsPage', gate: 'stats' },
  { path: 'imports', page: 'imports/ImportsPage', gate: 'imports' },
  { path: 'credit/coverage', page: 'credit/CreditCoveragePage', gate: 'credit-coverage' },
  { path: 'my-enterprise', page: 'my/MyEnterprisePage', gate: 'my-enterprise' },
  { path: 'policies', page: 'policy-admin/PoliciesPage', gate: 'policies' },
  { path: 'policies/:id', page: 'policy-admin/PolicyEditorPage', gate: 'policies' },
  { path: 'my-policies', page: 'my/MyPoliciesPage', gate: 'my-policies' },
  { path: 'inbox', page: 'my/InboxPage', gate: 'inbox' },
  { path: 'my-cases', page: 'my-cases/MyCasesPage', gate: 'my-cases' },
  { path: 'my-cases/:id', page: 'my-cases/MyCasePage', gate: 'my-cases' },
  { path: 'cases', page: 'cases/CaseQueuePage', gate: 'cases' },
  { path: 'cases/:id', page: 'cases/CasePage', gate: 'cases' },
  { path: 'admin/users', page: 'admin/UsersPage', gate: 'users' },
  {
    path: 'supervision',
    page: 'supervision/SupervisionPage',
    gate: 'supervision',
    early: (query) => (query.size === 0 ? ['/api/supervision/dashboard'] : []),
  },
  { path: 'disclosures', page: 'supervision/DisclosureStatusPage', gate: 'disclosures' },
  { path: 'claims', page: 'payer/ClaimsPage', gate: 'claims' },
  { path: 'claims/:id', page: 'payer/ClaimPage', gate: 'claims' },
  { path: 'disclosure', page: 'payer/DisclosurePage', gate: 'disclosure' },
  { path: 'admin/routing-rules', page: 'admin/RoutingRulesPage', gate: 'routing-rules' },
  { path: 'audit', page: 'audit/AuditPage', gate: 'audit' },
  { path: 'credit/scorecards', page: 'credit/ScorecardsPage', gate: 'scorecards' },
  { path: 'my-credit', page: 'my/MyCreditPage', gate: 'my-credit' },
  { path: 'credit-records', page: 'credit-records/MyCreditPage', gate: 'credit-records' },
  { path: 'bank/credit', page: 'bank/BankCreditPage', gate: 'bank-credit' },
  { path: 'bank/credit/:enterpriseId/:consentId', page: 'bank/CreditReportPage', gate: 'bank-credit' },
  { path: 'credit-admin', page: 'credit-admin/CreditAdminPage', gate: 'credit-admin' },
  { path: 'credit-admin/enterprises/:id', page: 'credit-admin/EnterpriseCreditPage', gate: 'credit-admin' },
  { path: 'bank/financing/products', page: 'financing/BankProductsPage', gate: 'bank-financing-products' },
  { path: 'bank/financing/demands', page: 'financing/BankDemandsPage', gate: 'bank-financing-demands' },
  {
    path: 'bank/financing/demands/:enterpriseId/:demandId',
    page: 'financing/BankDemandPage',
    gate: 'bank-financing-demands',
  },
  {
    path: 'bank/financing/performance',
    page: 'financing/BankPerformancePage',
    gate: 'bank-financing-performance',
  },
  { path: 'my/financing/products', page: 'financing/MyProductsPage', gate: 'my-financing-products' },
  { path: 'my/financing/demands', page: 'financing/MyDemandsPage', gate: 'my-financing-demands' },
  { path: 'my/financing/demands/:id', page: 'financing/MyDemandPage', gate: 'my-financing-demands' },
  { path: 'financing/desk', page: 'financing/FinancingDeskPage', gate: 'financing-desk' },
  { path: 'financing/settings', page: 'financing/FinancingSettingsPage', gate: 'financing-settings' },
  {
    path: 'my/financing/receivables',
    page: 'financing/MyReceivablesPage',
    gate: 'my-financing-receivables',
  },
  { path: 'payer/receivables', page: 'financing/PayerReceivablesPage', gate: 'payer-receivables' },
  { path: 'financing/dashboard', page: 'financing/FinancingDashboardPage', gate: 'financing-dashboard' },
  {
    path: 'financing/recommendations',
    page: 'financing/RecommendationsPage',
    gate: 'financing-recommendations',
  },
  {
    path: 'bank/financing/recommendations',
    page: 'financing/BankRecommendationsPage',
    gate: 'bank-financing-recommendations',
  },
  { path: 'monitoring/surveys', page: 'monitoring/SurveysPage', gate: 'monitoring-surveys' },
  { path: 'monitoring/surveys/:id', page: 'monitoring/SurveyPage', gate: 'monitoring-surveys' },
  { path: 'monitoring/surveys/:surveyId/waves/:id', page: 'monitoring/WavePage', gate: 'monitoring-surveys' },
  { path: 'monitoring/releases', page: 'monitoring/ReleasesPage', gate: 'monitoring-releases' },
  { path: 'monitoring/releases/:id', page: 'monitoring/ReleasePage', gate: 'monitoring-releases' },
  { path: 'monitoring/weights', page: 'monitoring/WeightsPage', gate: 'monitoring-weights' },
  { path: 'monitoring/registry', page: 'monitoring/RegistryStatsPage', gate: 'monitoring-registry' },
  { path: 'my/surveys', page: 'my/MySurveysPage', gate: 'my-surveys' },
  { path: 'procurement/projects', page: 'procurement/ProjectsPage', gate: 'procurement-projects' },
  { path: 'procurement/projects/new', page: 'procurement/ProjectFormPage', gate: 'procurement-projects' },
  { path: 'procurement/projects/:id', page: 'procurement/ProjectPage', gate: 'procurement-projects' },
  {
    path: 'procurement/projects/:id/edit',
    page: 'procurement/ProjectFormPage',
    gate: 'procurement-projects',
  },
  { path: 'procurement/awards', page: 'procurement/AwardsPage', gate: 'procurement-awards' },
  { path: 'procurement/awards/:id', page: 'procurement/AwardPage', gate: 'procurement-awards' },
  { path: 'procurement/check', page: 'procurement/DeclarationCheckPage', gate: 'procurement-check' },
  { path: 'procurement/recheck', page: 'procurement/RecheckPage', gate: 'procurement-recheck' },
  { path: 'procurement/bodies', page: 'procurement/BodiesPage', gate: 'procurement-bodies' },
  { path: 'procurement/shares', page: 'procurement/SharesPage', gate: 'procurement-shares' },
  { path: 'procurement/reports', page: 'procurement/ReportsPage', gate: 'procurement-reports' },
  { path: 'procurement/reports/:id', page: 'procurement/ReportPage', gate: 'procurement-reports' },
  { path: 'my/cultivation', page: 'cultivation/MyCultivationPage', gate: 'my-cultivation' },
  { path: 'cultivation/dashboard', page: 'cultivation/DashboardPage', gate: 'cultivation-dashboard' },
  {
    path: 'cultivation/applications',
    page: 'cultivation/ApplicationsPage',
    gate: 'cultivation-applications',
  },
  {
    path: 'cultivation/applications/:enterpriseId/:id',
    page: 'cultivation/ApplicationPage',
    gate: 'cultivation-applications',
  },
  { path: 'cultivation/settings', page: 'cultivation/SettingsPage', gate: 'cultivation-settings' },
  { path: 'cultivation/changes', page: 'cultivation/ChangesPage', gate: 'cultivation-changes' },
  { path: 'my/surveys/:waveId', page: 'my/MySurveyPage', gate: 'my-surveys' },
  { path: 'account', page: 'AccountPage' },
];

/** The session probe: every page starts with it. */
export const SESSION_PROBE = '/api/auth/me';

/** Every page with its full address ('/…', '/app/…'). */
export function allRoutes(): { path: string; route: PageRoute }[] {
  return [
    ...PUBLIC_ROUTES.map((route) => ({ path: `/${route.path}`, route })),
    ...APP_ROUTES.map((route) => ({ path: route.path ? `/app/${route.path}` : '/app', route })),
  ];
}
