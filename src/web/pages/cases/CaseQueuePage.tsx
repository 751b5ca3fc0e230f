/** CaseQueuePage (being written). */
export default function CaseQueuePage() {
  return null;
}
