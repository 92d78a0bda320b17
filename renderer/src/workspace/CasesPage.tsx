import { useSession } from '../app/session';
import { useTypes } from '../app/types';
import { isDepartment } from '../app/roles';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Loading } from '../ui/Alert';
import { CasesTable } from './CasesTable';

/** 我的业务 (applicants) / 业务查询 (departments): every visible case, filtered. */
export function CasesPage() {
  const { me } = useSession();
  const { types } = useTypes(me?.user.username);
  const title = isDepartment(me?.user.role) ? '业务查询' : '我的业务';
  return (
    <>
      <Breadcrumbs items={[{ title: '工作台', to: '/workspace' }, { title }]} />
      <Panel title={title}>{types ? <CasesTable types={types} /> : <Loading />}</Panel>
    </>
  );
}
