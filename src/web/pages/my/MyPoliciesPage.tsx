/** MyPoliciesPage (being written). */
export default function MyPoliciesPage() {
  return null;
}
