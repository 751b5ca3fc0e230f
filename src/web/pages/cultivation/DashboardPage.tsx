/** Placeholder while the page is built this session (issue 18); replaced before the stop. */
import { Empty } from 'antd';

export default function DashboardPage() {
  return <Empty />;
}
