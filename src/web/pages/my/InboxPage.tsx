/** InboxPage (being written). */
export default function InboxPage() {
  return null;
}
