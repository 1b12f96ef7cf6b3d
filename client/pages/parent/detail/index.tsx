// One registration: status with the school's reason, what happens next (every status, with the
// bureau's dates), the tier and why, documents (missing ones uploaded here when the bureau allows
// 缺件先报), every change with who/when/why; withdraw until approval; fix and resubmit when
// material is asked for; register again after a withdrawal.
import { Button, Text, View } from '@tarojs/components';
import { tapA11y } from '../../../components/a11y';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { RegistrationGuidance, RegistrationView } from '@shared/api';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { LoadFailed } from '../../../components/LoadFailed';
import { StatusTag } from '../../../components/StatusTag';
import { Timeline } from '../../../components/Timeline';
import { registrationApi } from '../../../services/api';
import { documentPickAndUpload } from '../../../services/upload';
import { Admission } from './Admission';
import { dateTextLabel } from '@shared/time';

const withdrawable = new Set(['submitted', 'pending_review', 'first_approved', 'needs_more']);
const positive = new Set(['first_approved', 'approved', 'awaiting_placement', 'admitted', 'reported']);

export default function RegistrationDetail() {
  const { params } = useRouter();
  const id = params['id'] ?? '';
  const [r, setR] = useState<RegistrationView | null>(null);
  const [g, setG] = useState<RegistrationGuidance | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = async () => {
    const [res, next] = await Promise.all([registrationApi.get(id), registrationApi.guidance(id)]);
    if (!res.ok) return setLoadError(res.message);
    setR(res.data);
    setG(next.ok ? next.data : null);
  };
  useDidShow(() => void load());

  const withdraw = async () => {
    if (!r) return;
    const c = await Taro.showModal({
      title: '撤回报名',
      content: '撤回后本次报名作废，如需入学须重新报名（可在本页点“重新报名”）。确定撤回吗？',
      confirmText: '撤回',
    });
    if (!c.confirm) return;
    const res = await registrationApi.withdraw(r.id, r.version, '');
    if (!res.ok) return setError(res.message);
    setError(null);
    await load();
  };

  const open = async (slot: string) => {
    const res = await registrationApi.documentLink({ registrationId: id, draftId: null, slot });
    if (res.ok) await Taro.previewImage({ urls: [res.data.url], current: res.data.url });
    else setError(res.message);
  };

  /** 缺件先报: a missing document uploaded to the submitted registration. */
  const addDocument = async (slot: string) => {
    if (!r) return;
    setBusy(slot);
    try {
      const up = await documentPickAndUpload();
      if (!up) return;
      if (!up.ok) return setError(up.message);
      const res = await registrationApi.addDocument(r.id, r.version, slot, up.data.fileId);
      if (!res.ok) return setError(res.message);
      setError(null);
      await load();
    } finally {
      setBusy(null);
    }
  };

  if (!r) return <LoadFailed message={loadError} />;
  const canUpload = new Set(g?.uploadUntil ? g.missing.map((m) => m.slot) : []);
  return (
    <View className="page">
      <View className="card">
        <View className="row">
          <Text className="card-title">{r.childName}</Text>
          <StatusTag status={r.status} label={r.statusLabel} />
        </View>
        {r.reason && r.status !== 'pending_review' ? (
          <Text className={positive.has(r.status) ? 'banner-info' : 'banner-error'} id="status-reason">
            {`${r.history.at(-1)?.reasonLabel ? `${r.history.at(-1)?.reasonLabel}：` : ''}${r.reason}${r.deadline ? `（请在${dateTextLabel(r.deadline)}前修改并重新提交）` : ''}`}
          </Text>
        ) : null}
        <Text className="muted">
          {`${r.year}年 ${r.stageLabel}\n学校：${r.schoolName}\n身份证号：${r.idNumberMasked}\n出生日期：${dateTextLabel(r.birthDate)}　性别：${r.gender === 'M' ? '男' : '女'}\n类别：${r.tierLabel}（${r.tier.reasons.join('；')}）`}
        </Text>
        <ErrorBanner message={error} />
        {r.status === 'needs_more' ? (
          <Button
            className="btn btn-primary"
            id="edit-registration"
            onClick={() => void Taro.navigateTo({ url: `/pages/parent/register/index?edit=${r.id}` })}
          >
            修改并重新提交
          </Button>
        ) : null}
        {g?.canRegisterAgain ? (
          <Button
            className="btn btn-primary"
            id="register-again"
            onClick={() => void Taro.navigateTo({ url: `/pages/parent/register/index?again=${r.id}` })}
          >
            重新报名
          </Button>
        ) : null}
        {g?.againId ? (
          <Button
            className="btn btn-primary"
            id="open-again"
            onClick={() => void Taro.navigateTo({ url: `/pages/parent/detail/index?id=${g.againId}` })}
          >
            查看新的报名
          </Button>
        ) : null}
        {withdrawable.has(r.status) ? (
          <Button className="btn btn-danger" id="withdraw" onClick={() => void withdraw()}>
            撤回报名
          </Button>
        ) : null}
      </View>
      {g ? (
        <View className="card" id="next-steps">
          <Text className="card-title">接下来</Text>
          <Text className="line" id="next-title">
            {g.title}
          </Text>
          {g.steps.map((step, i) => (
            <Text className="muted line" key={i}>{`${i + 1}. ${step}`}</Text>
          ))}
          {g.contact ? <Text className="muted line">{`咨询：${g.contact}`}</Text> : null}
        </View>
      ) : null}
      {r.placement ? (
        <View className="card" id="placement-result">
          <Text className="card-title">{r.placement.schoolId ? '录取结果' : '学位由教育局统筹安排'}</Text>
          <Text className="muted">{r.placement.explanation}</Text>
          <Text className="muted">{`\n依据：${r.year}年${r.stageLabel}正式派位记录（教育局可提供复核）`}</Text>
        </View>
      ) : null}
      {r.placement ? <Admission id={r.id} /> : null}
      <View className="card" id="documents">
        <Text className="card-title">材料</Text>
        {g?.uploadUntil ? (
          <Text
            className="banner-info"
            id="upload-until"
          >{`请在${dateTextLabel(g.uploadUntil)}前补传缺少的材料，学校会看到补传的材料。`}</Text>
        ) : null}
        {r.documents.map((d) => (
          <View className="row" key={d.slot} id={`detail-doc-${d.slot}`}>
            <Text>{d.label}</Text>
            {d.attached ? (
              <Text {...tapA11y('button')} className="field-ok" onClick={() => void open(d.slot)}>
                已上传 · 查看
              </Text>
            ) : canUpload.has(d.slot) ? (
              <Button
                size="mini"
                className="btn btn-primary"
                id={`add-${d.slot}`}
                loading={busy === d.slot}
                onClick={() => void addDocument(d.slot)}
              >
                上传
              </Button>
            ) : (
              <Text className="field-error">缺少</Text>
            )}
          </View>
        ))}
      </View>
      <Timeline title="办理进度" history={r.history} />
    </View>
  );
}
