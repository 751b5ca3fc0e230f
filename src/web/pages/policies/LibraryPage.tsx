/** LibraryPage (being written). */
export default function LibraryPage() {
  return null;
}
