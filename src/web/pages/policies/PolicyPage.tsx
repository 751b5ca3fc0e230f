/** PolicyPage (being written). */
export default function PolicyPage() {
  return null;
}
