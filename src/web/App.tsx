/** Routes of the web app. Pages are loaded on demand; the signed-in area is guarded by the role table (nav.ts). */
import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { SessionProvider } from './auth/SessionProvider.tsx';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import { AppLayout, RequireAuth, RoleGate } from './layouts/AppLayout.tsx';
import { PublicLayout } from './layouts/PublicLayout.tsx';
import { NotFoundPage } from './pages/ErrorPages.tsx';

const LoginPage = lazy(() =>
  import('./pages/LoginPage.tsx').then((module) => ({ default: module.LoginPage })),
);
const PublicHome = lazy(() => import('./pages/PublicHome.tsx'));
const HomePage = lazy(() => import('./pages/home/HomePage.tsx'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage.tsx'));
const RoutingRulesPage = lazy(() => import('./pages/admin/RoutingRulesPage.tsx'));
const SupervisionPage = lazy(() => import('./pages/supervision/SupervisionPage.tsx'));
const DisclosureStatusPage = lazy(() => import('./pages/supervision/DisclosureStatusPage.tsx'));
const ClaimsPage = lazy(() => import('./pages/payer/ClaimsPage.tsx'));
const ClaimPage = lazy(() => import('./pages/payer/ClaimPage.tsx'));
const DisclosurePage = lazy(() => import('./pages/payer/DisclosurePage.tsx'));
const PublicDisclosuresPage = lazy(() => import('./pages/payer/PublicDisclosuresPage.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const AccountPage = lazy(() => import('./pages/AccountPage.tsx'));
const SizeTestPage = lazy(() => import('./pages/SizeTestPage.tsx'));
const EnterprisesPage = lazy(() => import('./pages/enterprises/EnterprisesPage.tsx'));
const EnterpriseDetailPage = lazy(() => import('./pages/enterprises/EnterpriseDetailPage.tsx'));
const StatsPage = lazy(() => import('./pages/stats/StatsPage.tsx'));
const ImportsPage = lazy(() => import('./pages/imports/ImportsPage.tsx'));
const MyEnterprisePage = lazy(() => import('./pages/my/MyEnterprisePage.tsx'));
const LibraryPage = lazy(() => import('./pages/policies/LibraryPage.tsx'));
const PolicyPage = lazy(() => import('./pages/policies/PolicyPage.tsx'));
const PoliciesPage = lazy(() => import('./pages/policy-admin/PoliciesPage.tsx'));
const PolicyEditorPage = lazy(() => import('./pages/policy-admin/PolicyEditorPage.tsx'));
const MyPoliciesPage = lazy(() => import('./pages/my/MyPoliciesPage.tsx'));
const InboxPage = lazy(() => import('./pages/my/InboxPage.tsx'));
const MyCasesPage = lazy(() => import('./pages/my-cases/MyCasesPage.tsx'));
const MyCasePage = lazy(() => import('./pages/my-cases/MyCasePage.tsx'));
const CaseQueuePage = lazy(() => import('./pages/cases/CaseQueuePage.tsx'));
const CasePage = lazy(() => import('./pages/cases/CasePage.tsx'));
const PaymentCalculatorPage = lazy(() => import('./pages/payments/PaymentCalculatorPage.tsx'));

export function App() {
  return (
    <BrowserRouter>
      <I18nProvider>
        <SessionProvider>
          <Routes>
            <Route element={<PublicLayout />}>
              <Route index element={<PublicHome />} />
              <Route path="login" element={<LoginPage />} />
              <Route path="size-test" element={<SizeTestPage />} />
              <Route path="policies" element={<LibraryPage />} />
              <Route path="policies/:id" element={<PolicyPage />} />
              <Route path="payment-calculator" element={<PaymentCalculatorPage />} />
              <Route path="arrears-disclosures" element={<PublicDisclosuresPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
            <Route
              path="app"
              element={
                <RequireAuth>
                  <AppLayout />
                </RequireAuth>
              }
            >
              <Route index element={<HomePage />} />
              <Route
                path="enterprises"
                element={
                  <RoleGate page="enterprises">
                    <EnterprisesPage />
                  </RoleGate>
                }
              />
              <Route
                path="enterprises/:id"
                element={
                  <RoleGate page="enterprises">
                    <EnterpriseDetailPage />
                  </RoleGate>
                }
              />
              <Route
                path="stats"
                element={
                  <RoleGate page="stats">
                    <StatsPage />
                  </RoleGate>
                }
              />
              <Route
                path="imports"
                element={
                  <RoleGate page="imports">
                    <ImportsPage />
                  </RoleGate>
                }
              />
              <Route
                path="my-enterprise"
                element={
                  <RoleGate page="my-enterprise">
                    <MyEnterprisePage />
                  </RoleGate>
                }
              />
              <Route
                path="policies"
                element={
                  <RoleGate page="policies">
                    <PoliciesPage />
                  </RoleGate>
                }
              />
              <Route
                path="policies/:id"
                element={
                  <RoleGate page="policies">
                    <PolicyEditorPage />
                  </RoleGate>
                }
              />
              <Route
                path="my-policies"
                element={
                  <RoleGate page="my-policies">
                    <MyPoliciesPage />
                  </RoleGate>
                }
              />
              <Route
                path="inbox"
                element={
                  <RoleGate page="inbox">
                    <InboxPage />
                  </RoleGate>
                }
              />
              <Route
                path="my-cases"
                element={
                  <RoleGate page="my-cases">
                    <MyCasesPage />
                  </RoleGate>
                }
              />
              <Route
                path="my-cases/:id"
                element={
                  <RoleGate page="my-cases">
                    <MyCasePage />
                  </RoleGate>
                }
              />
              <Route
                path="cases"
                element={
                  <RoleGate page="cases">
                    <CaseQueuePage />
                  </RoleGate>
                }
              />
              <Route
                path="cases/:id"
                element={
                  <RoleGate page="cases">
                    <CasePage />
                  </RoleGate>
                }
              />
              <Route
                path="admin/users"
                element={
                  <RoleGate page="users">
                    <UsersPage />
                  </RoleGate>
                }
              />
              <Route
                path="supervision"
                element={
                  <RoleGate page="supervision">
                    <SupervisionPage />
                  </RoleGate>
                }
              />
              <Route
                path="disclosures"
                element={
                  <RoleGate page="disclosures">
                    <DisclosureStatusPage />
                  </RoleGate>
                }
              />
              <Route
                path="claims"
                element={
                  <RoleGate page="claims">
                    <ClaimsPage />
                  </RoleGate>
                }
              />
              <Route
                path="claims/:id"
                element={
                  <RoleGate page="claims">
                    <ClaimPage />
                  </RoleGate>
                }
              />
              <Route
                path="disclosure"
                element={
                  <RoleGate page="disclosure">
                    <DisclosurePage />
                  </RoleGate>
                }
              />
              <Route
                path="admin/routing-rules"
                element={
                  <RoleGate page="routing-rules">
                    <RoutingRulesPage />
                  </RoleGate>
                }
              />
              <Route
                path="audit"
                element={
                  <RoleGate page="audit">
                    <AuditPage />
                  </RoleGate>
                }
              />
              <Route path="account" element={<AccountPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </SessionProvider>
      </I18nProvider>
    </BrowserRouter>
  );
}
