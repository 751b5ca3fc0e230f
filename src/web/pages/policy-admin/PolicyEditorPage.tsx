/** PolicyEditorPage (being written). */
export default function PolicyEditorPage() {
  return null;
}
