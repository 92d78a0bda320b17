import { Link } from 'react-router';
import { useDistricts, usePlatformName } from '../app/districts';

export function SiteFooter() {
  const platform = usePlatformName();
  const { city } = useDistricts();
  return (
    <footer className="site-footer">
      <div className="container footer-inner">
        <div>
          <div className="footer-name">{platform}</div>
          <div>主办单位：{city?.name ?? ''}住房和城乡建设局　承办：各区住房和城乡建设局、街道办事处</div>
          <div>办事咨询请联系所在区住建局受理窗口（工作日 9:00—12:00，14:00—17:30）</div>
        </div>
        <div className="footer-links">
          <Link to="/guide">办事指南</Link>
          <Link to="/agreement">机构注册协议</Link>
          <a href="/docs" target="_blank" rel="noreferrer">开放接口</a>
        </div>
      </div>
    </footer>
  );
}
