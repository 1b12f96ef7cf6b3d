// Reviewing one registration: the facts, the tier and why, the flags, the documents side by side,
// and a decision — approve, refuse with a reason, or return for more material by a deadline. At a
// desk the facts are a two-column table on the left and the documents and the decision on the
// right, so the reviewer sees both at once; a phone keeps one column.
import { Button, Image, Input, Text, View } from '@tarojs/components';
import { inputA11y, tapA11y } from '../../../components/a11y';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { RegistrationView } from '@shared/api';
import type { Role } from '@shared/identity/roles';
import {
  reviewReasons,
  voidReasonEnough,
  voidReasonShort,
  type ReviewDecision,
} from '@shared/registration/review';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { Chips } from '../../../components/Chips';
import { DateField } from '../../../components/DateField';
import { LoadFailed } from '../../../components/LoadFailed';
import { StatusTag } from '../../../components/StatusTag';
import { Timeline } from '../../../components/Timeline';
import { authApi, registrationApi } from '../../../services/api';
import { useDesk } from '../../../services/layout';
import { dateTextLabel } from '@shared/time';

const yesNo = (b: boolean) => (b ? '是' : '否');
/** Statuses a registration can be voided from (before the list is frozen for the draw). */
const voidable = new Set(['pending_review', 'first_approved', 'needs_more', 'approved', 'rejected']);
const inDays = (n: number) =>
  new Date(Date.now() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

/** The facts a reviewer checks, each as a label and its value. */
function facts(r: RegistrationView): [string, string][] {
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
  return lines.map((l) => {
    const at = l.indexOf('：');
    return [l.slice(0, at), l.slice(at + 1)];
  });
}

export default function Review() {
  const { params } = useRouter();
  const id = params['id'] ?? '';
  const [r, setR] = useState<RegistrationView | null>(null);
  const [drawPublishedOn, setDrawPublishedOn] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [mode, setMode] = useState<ReviewDecision | null>(null);
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [deadline, setDeadline] = useState(inDays(7));
  const [decisionError, setDecisionError] = useState<string | null>(null);
  const [voiding, setVoiding] = useState(false);
  const [voidReason, setVoidReason] = useState('');
  const [voidError, setVoidError] = useState<string | null>(null);
  const [role, setRole] = useState<Role | null>(null);
  const desk = useDesk();

  const [links, setLinks] = useState<Record<string, { url: string; mime: string }>>({});

  useDidShow(() => {
    if (role === null) void authApi.whoami().then((me) => me.ok && setRole(me.data.role));
    void registrationApi.get(id).then(async (res) => {
      if (!res.ok) return setError(res.message);
      setR(res.data);
      setDrawPublishedOn(res.data.drawPublishedOn);
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
    if (decision === 'approve') {
      const c = await Taro.showModal({
        title: r.status === 'first_approved' ? '确认复审通过' : '确认审核通过',
        content: `${r.childName}的报名将${r.status === 'first_approved' ? '复审' : '审核'}通过，家长会立即收到结果。${
          drawPublishedOn
            ? `请注意：本学段电脑派位已于${drawPublishedOn}公布，这份报名不参加派位，通过后由教育局统筹安排学位，家长会收到这一说明。`
            : ''
        }确定吗？`,
        confirmText: '确定通过',
        cancelText: '再看看',
      });
      if (!c.confirm) return;
    }
    const res = await registrationApi.review({
      id: r.id,
      version: r.version,
      decision,
      reasonCode: decision === 'approve' ? null : reasonCode,
      reason: decision === 'approve' ? '' : reason,
      deadline: decision === 'return' ? deadline : null,
    });
    // A refusal is shown beside the buttons that caused it.
    if (!res.ok) return setDecisionError(res.message);
    setDecisionError(null);
    setR(res.data);
    setMode(null);
    setInfo(`已处理：${res.data.statusLabel}`);
  };

  /** 作废 after checking the real family's 户口簿 and 出生医学证明 in person. */
  const voidIt = async () => {
    if (!r) return;
    // The reason is checked before asking to confirm (it was asked after, then refused).
    if (!voidReasonEnough(voidReason)) return setVoidError(voidReasonShort);
    setVoidError(null);
    const c = await Taro.showModal({
      title: '确认作废这份报名',
      content: `作废后${r.childName}的这份报名不再有效，报名人会收到通知和您写的理由；儿童的监护人即可重新报名。确定已当面查验户口簿和出生医学证明吗？`,
      confirmText: '确定作废',
      cancelText: '再看看',
    });
    if (!c.confirm) return;
    const res = await registrationApi.voidRegistration(r.id, r.version, voidReason);
    if (!res.ok) return setVoidError(res.message);
    setVoidError(null);
    setVoiding(false);
    setR(res.data);
    setInfo('已作废这份报名，报名人已收到通知。');
  };

  if (!r) return <LoadFailed message={error} />;
  const today = inDays(0);
  return (
    <View className="page">
      {desk ? (
        <View className="page-head">
          <Text className="title">{`审核报名：${r.childName}`}</Text>
          <Text className="subtitle">{[r.schoolName, r.stageLabel].filter(Boolean).join(' · ')}</Text>
        </View>
      ) : null}
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      <View className="desk-grid review-grid">
        <View>
          <View className="card" id="review-facts">
            <View className="row">
              <Text className="card-title">{r.childName}</Text>
              <StatusTag status={r.status} label={r.statusLabel} />
            </View>
            <Text className="muted">{`身份证 ${r.idNumberMasked} · 出生 ${dateTextLabel(r.birthDate)} · ${r.gender === 'M' ? '男' : '女'}\n类别：${r.tierLabel}（${r.tier.reasons.join('；')}）`}</Text>
            {r.flags.length ? (
              <Text
                className="banner-error"
                id="review-flags"
              >{`请留意：${r.flags.map((f) => f.label).join('、')}`}</Text>
            ) : null}
            {desk && process.env.TARO_ENV === 'h5' ? (
              <table className="kv-table">
                <caption className="dt-caption">报名信息</caption>
                <tbody>
                  {facts(r).map(([k, v]) => (
                    <tr key={k}>
                      <th scope="row">{k}</th>
                      <td>{v}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Text className="muted">{`\n${facts(r)
                .map(([k, v]) => `${k}：${v}`)
                .join('\n')}`}</Text>
            )}
          </View>
          {desk ? <Timeline title="办理记录" history={r.history} /> : null}
        </View>
        <View>
          <View className="card">
            <Text className="card-title">材料（点击放大）</Text>
            <View className="doc-grid">
              {r.documents.map((d) => {
                const link = links[d.slot];
                return (
                  <View
                    {...tapA11y('button', { disabled: !d.attached })}
                    className="doc-tile"
                    key={d.slot}
                    id={`view-${d.slot}`}
                    onClick={() => (d.attached ? void open(d.slot) : undefined)}
                  >
                    {link && link.mime.startsWith('image/') ? (
                      <Image
                        className="doc-thumb"
                        src={link.url}
                        mode="aspectFit"
                        {...(process.env.TARO_ENV === 'h5'
                          ? { nativeProps: { alt: `${d.label}照片` } }
                          : { 'aria-label': `${d.label}照片` })}
                      />
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
                {/* The highlighted button is the one in play: 审核通过 until 退回 or 不通过 is chosen. */}
                <Button
                  size="mini"
                  className={`btn btn-line ${mode === null ? 'btn-primary' : ''}`}
                  id="decide-approve"
                  onClick={() => {
                    setMode(null);
                    void decide('approve');
                  }}
                >
                  {r.status === 'first_approved' ? '复审通过' : '审核通过'}
                </Button>
                <Button
                  size="mini"
                  className={`btn btn-line ${mode === 'return' ? 'btn-primary' : ''}`}
                  id="decide-return"
                  onClick={() => {
                    setMode('return');
                    setDecisionError(null);
                  }}
                >
                  退回补充材料
                </Button>
                <Button
                  size="mini"
                  className="btn btn-danger"
                  id="decide-reject"
                  onClick={() => {
                    setMode('reject');
                    setDecisionError(null);
                  }}
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
                    {...inputA11y('说明（家长可见）')}
                    className="input"
                    id="reason-text"
                    value={reason}
                    maxlength={200}
                    onInput={(e) => setReason(e.detail.value)}
                  />
                  {mode === 'return' ? (
                    <DateField
                      id="deadline"
                      label="补充材料截止日期（最长30天）"
                      value={deadline}
                      start={today}
                      end={inDays(30)}
                      problem={null}
                      onChange={setDeadline}
                    />
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
              <ErrorBanner message={decisionError} />
            </View>
          ) : null}
          {role !== 'reviewer' && voidable.has(r.status) ? (
            <View className="card" id="void-card">
              <Text className="card-title">冒名或误报</Text>
              <Text className="muted">
                如儿童的监护人持户口簿和出生医学证明来校说明这份报名不是他们所报，核实后可作废这份报名，监护人即可重新报名。
              </Text>
              {voiding ? (
                <View>
                  <Text className="label">作废理由（报名人可见，写明查验了哪位监护人的哪些证件）</Text>
                  <Input
                    {...inputA11y('作废理由')}
                    className="input"
                    id="void-reason"
                    value={voidReason}
                    maxlength={200}
                    onInput={(e) => setVoidReason(e.detail.value)}
                  />
                  <Button className="btn btn-danger" id="void-confirm" onClick={() => void voidIt()}>
                    确认作废
                  </Button>
                </View>
              ) : (
                <Button className="btn btn-danger" id="void-open" onClick={() => setVoiding(true)}>
                  作废这份报名
                </Button>
              )}
              <ErrorBanner message={voidError} />
            </View>
          ) : null}
        </View>
      </View>
      {desk ? null : <Timeline title="办理记录" history={r.history} />}
    </View>
  );
}
