import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../app/session';
import { useType, useTypes } from '../app/types';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { Panel } from '../ui/Panel';
import { Alert, Loading } from '../ui/Alert';
import { CasesTable } from './CasesTable';
import { ListImport } from './ListImport';

/**
 * One business from the left menu: what it is, 新建, and the organisation's cases of it. A type
 * that imports whole records from Excel (settings.imports["/"] with an event, e.g. 企业人员) also
 * offers 下载模版 / 导入 here, as the manual's list pages do.
 */
export function TypePage() {
  const { typeId = '' } = useParams();
  const { me } = useSession();
  const { types } = useTypes(me?.user.username);
  const { type: detail } = useType(typeId);
  const [imported, setImported] = useState(0);
  if (!types) return <Loading />;
  const type = types.find((t) => t.id === typeId);
  if (!type) return <Alert kind="error">未找到该业务类型。</Alert>;
  const importsRecords = type.canStart && !!detail?.settings.imports?.['/']?.event;
  return (
    <>
      <Breadcrumbs items={[{ title: '工作台', to: '/workspace' }, { title: type.menu ?? '业务' }, { title: type.menuTitle }]} />
      <Panel title={type.menuTitle} extra={type.canStart && <Link className="btn btn-primary" to={`/workspace/new/${type.id}`}>＋ 新建{type.title}</Link>}>
        {type.description && <p className="type-description">{type.description}</p>}
        {importsRecords && <ListImport typeId={type.id} title={detail?.settings.imports?.['/']?.title ?? type.title} onImported={() => setImported((n) => n + 1)} />}
        <CasesTable types={types} fixedType={type.id} reloadKey={imported} />
      </Panel>
    </>
  );
}
