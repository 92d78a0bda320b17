import { Link, useLocation } from 'react-router';
import { useSession } from '../app/session';
import { Alert } from '../ui/Alert';

/** Shown when a request answered 401 while the page thought it was logged in. */
export function SessionExpired() {
  const { expired, me } = useSession();
  const location = useLocation();
  if (!expired || me) return null;
  return (
    <div className="container">
      <Alert kind="warning" title="登录已失效">
        请重新<Link to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>登录</Link>后继续；本页已填写的内容暂存在浏览器中，登录后可恢复。
      </Alert>
    </div>
  );
}
