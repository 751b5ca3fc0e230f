/** CasePage (being written). */
export default function CasePage() {
  return null;
}
