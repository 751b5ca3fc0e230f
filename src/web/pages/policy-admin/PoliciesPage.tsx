/** PoliciesPage (being written). */
export default function PoliciesPage() {
  return null;
}
