// Reviewing one registration: the facts, the tier and why, the flags, the documents side by side,
// and a decision — approve, refuse with a reason, or return for more material by a deadline.
import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { RegistrationView } from '@shared/api';
import { reviewReasons, type ReviewDecision } from '@shared/registration/review';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { Chips } from '../../../components/Chips';
import { StatusTag } from '../../../components/StatusTag';
import { Timeline } from '../../../components/Timeline';
import { registrationApi } from '../../../services/api';

const yesNo = (b: boolean) => (b ? '是' : '否');
const inDays = (n: number) =>
  new Date(Date.now() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

function facts(r: RegistrationView): string {
  const f = r.form;
  const lines = [
    `监护人：${f.guardians.map((g, i) => `${g.relation} ${g.name} ${g.idNumber} ${r.guardianMobiles[i] ?? ''}`).join('；')}`,
    `出生医学证明：${f.birthCertificateNo}`,
    f.route === 'resident'
      ? `户籍：${f.hukou.address}，户主 ${f.hukou.householdHead}，在学区 ${yesNo(f.hukou.inZone)}，人户一致 ${yesNo(f.hukou.childWithParent)}`
      : `随迁：居住证 ${f.migrant?.residencePermitNo ?? ''}（${f.migrant?.residencePermitSince ?? ''}起），社保 ${f.migrant?.socialInsuranceMonths ?? 0} 个月，租赁备案 ${yesNo(Boolean(f.migrant?.rentalRegistered))}`,
    f.property
      ? `房产：${f.property.type} ${f.property.certificateNo}，${f.property.address}，产权人 ${f.property.owners}（${f.property.ownerRelation}，${f.property.sharePercent}%），${f.property.acquiredOn} 取得，在学区 ${yesNo(f.property.inZone)}`
      : '房产：无',
    `特殊情况：留守 ${yesNo(f.special.leftBehind)}，随班就读 ${f.special.disability ?? '无'}，困难家庭 ${yesNo(f.special.hardship)}，政策优待 ${f.special.policyGroup ?? '无'}${f.special.policyProofNo ? `（${f.special.policyProofNo}）` : ''}`,
  ];
  if (f.siblings.length)
    lines.push(`兄姐在读：${f.siblings.map((s) => `${s.name}（${s.grade}）`).join('、')}`);
  if (f.twinIdNumbers.length) lines.push(`多胞胎：${f.twinIdNumbers.join('、')}`);
  return lines.join('\n');
}

export default function Review() {
  const { params } = useRouter();
  const id = params['id'] ?? '';
  const [r, setR] = useState<RegistrationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [mode, setMode] = useState<ReviewDecision | null>(null);
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [deadline, setDeadline] = useState(inDays(7));

  const [links, setLinks] = useState<Record<string, { url: string; mime: string }>>({});

  useDidShow(() => {
    void registrationApi.get(id).then(async (res) => {
      if (!res.ok) return setError(res.message);
      setR(res.data);
      // Short-lived links for every attached document, shown beside the facts they prove.
      const entries = await Promise.all(
        res.data.documents
          .filter((d) => d.attached)
          .map(
            async (d) =>
              [
                d.slot,
                await registrationApi.documentLink({ registrationId: id, draftId: null, slot: d.slot }),
              ] as const,
          ),
      );
      setLinks(Object.fromEntries(entries.flatMap(([slot, l]) => (l.ok ? [[slot, l.data]] : []))));
    });
  });

  const open = async (slot: string) => {
    const res = await registrationApi.documentLink({ registrationId: id, draftId: null, slot });
    if (res.ok) await Taro.previewImage({ urls: [res.data.url], current: res.data.url });
    else setError(res.message);
  };

  const decide = async (decision: ReviewDecision) => {
    if (!r) return;
    const res = await registrationApi.review({
      id: r.id,
      version: r.version,
      decision,
      reasonCode: decision === 'approve' ? null : reasonCode,
      reason: decision === 'approve' ? '' : reason,
      deadline: decision === 'return' ? deadline : null,
    });
    if (!res.ok) return setError(res.message);
    setError(null);
    setR(res.data);
    setMode(null);
    setInfo(`已处理：${res.data.statusLabel}`);
  };

  if (!r)
    return (
      <View className="page">
        {error ? <ErrorBanner message={error} /> : <Text className="muted">正在加载…</Text>}
      </View>
    );
  return (
    <View className="page">
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      <View className="card">
        <View className="row">
          <Text className="card-title">{r.childName}</Text>
          <StatusTag status={r.status} label={r.statusLabel} />
        </View>
        <Text className="muted">{`身份证 ${r.idNumberMasked} · 出生 ${r.birthDate} · ${r.gender === 'M' ? '男' : '女'}\n类别：${r.tierLabel}（${r.tier.reasons.join('；')}）`}</Text>
        {r.flags.length ? (
          <Text
            className="banner-error"
            id="review-flags"
          >{`请留意：${r.flags.map((f) => f.label).join('、')}`}</Text>
        ) : null}
        <Text className="muted">{`\n${facts(r)}`}</Text>
      </View>
      <View className="card">
        <Text className="card-title">材料（点击放大）</Text>
        <View className="doc-grid">
          {r.documents.map((d) => {
            const link = links[d.slot];
            return (
              <View
                className="doc-tile"
                key={d.slot}
                id={`view-${d.slot}`}
                onClick={() => (d.attached ? void open(d.slot) : undefined)}
              >
                {link && link.mime.startsWith('image/') ? (
                  <Image className="doc-thumb" src={link.url} mode="aspectFit" />
                ) : (
                  <View className="doc-thumb doc-missing">
                    <Text>{d.attached ? 'PDF' : '缺少'}</Text>
                  </View>
                )}
                <Text className="muted">{d.label}</Text>
              </View>
            );
          })}
        </View>
      </View>
      {r.status === 'pending_review' || r.status === 'first_approved' ? (
        <View className="card">
          <Text className="card-title">审核意见</Text>
          <View className="row">
            <Button
              size="mini"
              className="btn btn-primary"
              id="decide-approve"
              onClick={() => void decide('approve')}
            >
              {r.status === 'first_approved' ? '复审通过' : '审核通过'}
            </Button>
            <Button size="mini" className="btn" id="decide-return" onClick={() => setMode('return')}>
              退回补充材料
            </Button>
            <Button
              size="mini"
              className="btn btn-danger"
              id="decide-reject"
              onClick={() => setMode('reject')}
            >
              不通过
            </Button>
          </View>
          {mode ? (
            <View>
              <Text className="label">原因</Text>
              <Chips
                id="reason-code"
                options={Object.entries(reviewReasons).map(([value, label]) => ({ value, label }))}
                value={reasonCode ?? ''}
                onChange={(v) => setReasonCode(v)}
              />
              <Text className="label">说明（家长可见）</Text>
              <Input
                className="input"
                id="reason-text"
                value={reason}
                maxlength={200}
                onInput={(e) => setReason(e.detail.value)}
              />
              {mode === 'return' ? (
                <View>
                  <Text className="label">补充材料截止日期</Text>
                  <Input
                    className="input"
                    id="deadline"
                    value={deadline}
                    maxlength={10}
                    onInput={(e) => setDeadline(e.detail.value)}
                  />
                </View>
              ) : null}
              <Button
                className={`btn ${mode === 'reject' ? 'btn-danger' : 'btn-primary'}`}
                id="confirm-decision"
                onClick={() => void decide(mode)}
              >
                {mode === 'reject' ? '确认不通过' : '确认退回'}
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
      <Timeline title="办理记录" history={r.history} />
    </View>
  );
}
