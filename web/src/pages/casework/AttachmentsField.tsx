// Photos and documents for a visit or an application, as a form field: pick (or take with the phone's camera),
// checked at once against the server's limits, read into the submission as base64, removable before sending.
import { useRef, useState } from 'react';
import { Alert, Button } from 'antd';
import { CameraOutlined, DeleteOutlined, FileOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { AttachmentUpload } from '../../api/casework';
import { useI18n } from '../../i18n';
import { ACCEPT, checkAttachment, mimeTypeOf, toUpload, type AttachmentProblem } from './attachments';

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function AttachmentsField({ id, value = [], onChange }: { id?: string; value?: AttachmentUpload[]; onChange?: (v: AttachmentUpload[]) => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [reading, setReading] = useState(false);

  const problemText = (p: AttachmentProblem) => {
    switch (p.code) {
      case 'type': return t('casework.files.badType', { name: p.fileName });
      case 'size': return t('casework.files.tooLarge', { name: p.fileName, mb: p.maxMb });
      case 'count': return t('casework.files.tooMany', { n: p.max });
      case 'total': return t('casework.files.totalTooLarge', { mb: p.maxMb });
    }
  };

  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    setReading(true);
    const found: string[] = [];
    const next = [...value];
    for (const file of Array.from(files)) {
      const mimeType = mimeTypeOf(file.name, file.type);
      const problem = checkAttachment({ fileName: file.name, mimeType, sizeBytes: file.size }, next);
      if (problem) {
        found.push(problemText(problem));
        continue;
      }
      try {
        next.push(await toUpload(file, mimeType));
      } catch {
        found.push(t('casework.files.readFailed', { name: file.name }));
      }
    }
    setProblems(found);
    setReading(false);
    onChange?.(next);
    if (input.current) input.current.value = '';
  };

  return (
    <div id={id}>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        style={{ display: 'none' }}
        onChange={(e) => void pick(e.target.files)}
        data-testid="attachment-input"
        aria-label={t('casework.files.pick')}
      />
      <Button icon={<CameraOutlined />} onClick={() => input.current?.click()} loading={reading} size="large">
        {t('casework.files.pick')}
      </Button>
      <div className="sn-muted sn-small sn-gap-top-sm">{t('casework.files.hint')}</div>
      {problems.length > 0 && (
        <Alert className="sn-gap-top-sm" type="warning" showIcon role="alert" title={<ul className="sn-error-list">{problems.map((p, i) => <li key={i}>{p}</li>)}</ul>} />
      )}
      {value.length > 0 && (
        <div className="sn-cw-files" data-testid="attachment-list">
          {value.map((f) => (
            <div key={f.clientId} className="sn-cw-file">
              {f.mimeType.startsWith('image/') && f.mimeType !== 'image/heic' ? (
                <img className="sn-cw-file-thumb" src={`data:${f.mimeType};base64,${f.contentBase64}`} alt="" onError={(e) => { e.currentTarget.style.visibility = 'hidden'; }} />
              ) : (
                <span className="sn-cw-file-thumb">{f.mimeType === 'application/pdf' ? <FileOutlined /> : <PaperClipOutlined />}</span>
              )}
              <span className="sn-cw-file-name" title={f.fileName}>{f.fileName}</span>
              <span className="sn-muted sn-small">{sizeText(f.sizeBytes)}</span>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => onChange?.(value.filter((x) => x.clientId !== f.clientId))} aria-label={t('casework.files.remove', { name: f.fileName })} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
