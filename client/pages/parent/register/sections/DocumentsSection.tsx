// Document slots for this family's route, each with an example, upload (resized, checksummed,
// retried) and a preview of what was uploaded.
import { Button, Text, View } from '@tarojs/components';
import { liveA11y } from '../../../../components/a11y';
import Taro from '@tarojs/taro';
import { documentSlots } from '@shared/registration/documents';
import type { RegistrationForm } from '@shared/registration/form';
import type { DocumentRef } from '@shared/registration/types';
import { useState } from 'react';
import { registrationApi } from '../../../../services/api';
import { documentPickAndUpload } from '../../../../services/upload';

interface Props {
  readonly form: RegistrationForm;
  readonly draftId: string;
  readonly documents: Readonly<Record<string, DocumentRef>>;
  /** When fixing a returned registration: its id and the slots it already has. */
  readonly registrationId: string | null;
  readonly existing: readonly string[];
  /** Saves the draft on the server first: uploads attach to it. */
  ensureDraft(): Promise<boolean>;
  onAttached(slot: string, ref: DocumentRef): void;
}

export function DocumentsSection({
  form,
  draftId,
  documents,
  registrationId,
  existing,
  ensureDraft,
  onAttached,
}: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const slots = documentSlots.filter((s) => s.required(form) || documents[s.key] || existing.includes(s.key));

  const upload = async (slot: string) => {
    setBusy(slot);
    setErrors((e) => ({ ...e, [slot]: '' }));
    try {
      if (!(await ensureDraft())) return;
      const up = await documentPickAndUpload();
      if (!up) return;
      if (!up.ok) {
        setErrors((e) => ({ ...e, [slot]: up.message }));
        return;
      }
      const att = await registrationApi.attachDocument(draftId, slot, up.data.fileId);
      if (att.ok) onAttached(slot, att.data.document);
      else setErrors((e) => ({ ...e, [slot]: att.message }));
    } finally {
      setBusy(null);
    }
  };

  const preview = async (slot: string) => {
    const fromDraft = Boolean(documents[slot]);
    const r = await registrationApi.documentLink({
      registrationId: fromDraft ? null : registrationId,
      draftId: fromDraft ? draftId : null,
      slot,
    });
    if (r.ok) await Taro.previewImage({ urls: [r.data.url], current: r.data.url });
  };

  return (
    <View className="card" id="documents-card">
      <Text className="card-title">6 上传材料</Text>
      <Text className="muted">请拍摄原件，四角完整、文字清楚。照片会自动调整到清晰可读的大小。</Text>
      {slots.map((s) => {
        const doc = documents[s.key];
        const has = Boolean(doc) || existing.includes(s.key);
        return (
          <View key={s.key} className="doc-slot" id={`doc-${s.key}`}>
            <View className="row">
              <Text>{s.label}</Text>
              <Text className={has ? 'field-ok' : 'muted'}>
                {doc ? `已上传 ${(doc.size / 1024).toFixed(0)}KB` : has ? '已上传（原材料）' : '未上传'}
              </Text>
            </View>
            <Text className="muted">{s.example}</Text>
            <View className="row">
              <Button
                size="mini"
                className="btn"
                id={`upload-${s.key}`}
                aria-label={`${has ? '重新上传' : '上传'}${s.label}`}
                loading={busy === s.key}
                onClick={() => void upload(s.key)}
              >
                {has ? '重新上传' : '上传'}
              </Button>
              {has ? (
                <Button
                  size="mini"
                  className="btn"
                  aria-label={`查看${s.label}`}
                  onClick={() => void preview(s.key)}
                >
                  查看
                </Button>
              ) : null}
            </View>
            {errors[s.key] ? (
              <Text className="field-error" {...liveA11y(true)}>
                {errors[s.key]}
              </Text>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
