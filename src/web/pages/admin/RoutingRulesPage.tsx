/** Admins' routing rules (placeholder until the page is built). */
export default function RoutingRulesPage() {
  return null;
}
