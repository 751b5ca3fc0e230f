/** MyCasesPage (being written). */
export default function MyCasesPage() {
  return null;
}
