import type { Attachment } from '../api/model';
import { formatDateTime, formatSize } from '../ui/format';
import { Empty } from '../ui/Alert';
import { ScrollRegion } from '../ui/ScrollRegion';

export function AttachmentsTable({ files }: { files: Attachment[] }) {
  if (!files.length) return <Empty>暂无附件</Empty>;
  return (
    <ScrollRegion label="附件">
      <table className="grid-table">
        <thead><tr><th scope="col">文件名</th><th scope="col">大小</th><th scope="col">上传时间</th><th scope="col">操作</th></tr></thead>
        <tbody>
          {files.map((f) => (
            <tr key={f.id}>
              <td className="col-title">{f.name}</td>
              <td className="nowrap">{formatSize(f.size)}</td>
              <td className="nowrap">{formatDateTime(f.createdAt)}</td>
              <td><a href={`/api/files/${f.id}`} download>下载</a></td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
