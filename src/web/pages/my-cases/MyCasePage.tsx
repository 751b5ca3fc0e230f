/** MyCasePage (being written). */
export default function MyCasePage() {
  return null;
}
