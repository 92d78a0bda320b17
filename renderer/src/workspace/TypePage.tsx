import { Link, useParams } from 'react-router';
import { useSession } from '../app/session';
import { useTypes } from '../app/types';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Alert, Loading } from '../ui/Alert';
import { CasesTable } from './CasesTable';

/** One business from the left menu: what it is, 新建, and the organisation's cases of it. */
export function TypePage() {
  const { typeId = '' } = useParams();
  const { me } = useSession();
  const { types } = useTypes(me?.user.username);
  if (!types) return <Loading />;
  const type = types.find((t) => t.id === typeId);
  if (!type) return <Alert kind="error">未找到该业务类型。</Alert>;
  return (
    <>
      <Breadcrumbs items={[{ title: '工作台', to: '/workspace' }, { title: type.menu ?? '业务' }, { title: type.title }]} />
      <Panel title={type.title} extra={type.canStart && <Link className="btn btn-primary" to={`/workspace/new/${type.id}`}>＋ 新建{type.title}</Link>}>
        {type.description && <p className="type-description">{type.description}</p>}
        <CasesTable types={types} fixedType={type.id} />
      </Panel>
    </>
  );
}
