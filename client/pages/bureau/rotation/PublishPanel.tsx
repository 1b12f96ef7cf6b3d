// Publishing the previewed plan for 公示. A plan that breaks a rule cannot be published as it is:
// the bureau must tick each broken rule and write why (that override is kept with the plan and in
// the audit log), or change the plan; the button says so and does nothing until then. The 公示 may
// start today or on a later day; teachers can object only inside it.
import { Button, Input, Text, View } from '@tarojs/components';
import { inputA11y, tapA11y } from '../../../components/a11y';
import Taro from '@tarojs/taro';
import type { RotationPreview } from '@shared/api';
import type { RotationAdjustment } from '@shared/rotation/adjust';
import { rotationIssueKey } from '@shared/rotation/problems';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { rotationApi } from '../../../services/api';
import { dateTextLabel } from '@shared/time';

const todayCst = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const REASON_MIN = 10;

interface Props {
  readonly p: RotationPreview;
  readonly seed: string;
  readonly adjustments: readonly RotationAdjustment[];
  onPublished(): Promise<void>;
}

export function PublishPanel({ p, seed, adjustments, onPublished }: Props) {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const [from, setFrom] = useState(todayCst());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const issues = p.issues;
  const keys = issues.map(rotationIssueKey);
  const allTicked = keys.every((k) => ticked.has(k));
  const why =
    p.refused.length > 0
      ? '人工调整中有无法识别的教师或学校，请撤销后再公示。'
      : issues.length > 0 && !allTicked
        ? `方案有 ${issues.length} 项不符合规定，不能公示。请调整方案，或逐项确认下列问题并写明理由。`
        : issues.length > 0 && [...reason.trim()].length < REASON_MIN
          ? `请写明带问题公示的理由（至少${REASON_MIN}个字）。`
          : null;

  const publish = async () => {
    setError(null);
    // A blocked button does nothing but say why (it never opens the confirmation).
    if (why || busy) return setError(why);
    const c = await Taro.showModal({
      title: '公示交流轮岗方案',
      content:
        issues.length > 0
          ? `本方案有 ${issues.length} 项不符合规定：\n${issues.map((x) => `· ${x.text}`).join('\n')}\n\n您已逐项确认并写明理由，确认信息将随方案公示记录并写入审计日志。公示期自 ${dateTextLabel(from)} 起，公示后方案不能重新生成。确定公示吗？`
          : `方案符合全部规定。公示期自 ${dateTextLabel(from)} 起，拟交流教师可查看通知并在公示期内提出异议，公示后方案不能重新生成。确定公示吗？`,
      confirmText: '公示',
      cancelText: '取消',
    });
    if (!c.confirm) return;
    setBusy(true);
    const r = await rotationApi.publish({
      seed: seed.trim() || null,
      adjustments,
      publicityFrom: from.trim() || null,
      override: issues.length > 0 ? { acknowledged: keys, reason: reason.trim() } : null,
    });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    await onPublished();
  };

  return (
    <View className="card" id="rotation-publish-card">
      <Text className="card-title">公示方案</Text>
      <ErrorBanner message={error} />
      {issues.length === 0 ? (
        <Text className="field-ok line" id="publish-rules-ok">
          方案符合全部规定，可以公示。
        </Text>
      ) : (
        <View id="publish-issues">
          <Text className="field-error line">{`方案有 ${issues.length} 项不符合规定。请先调整方案；如确需公示，请逐项确认并写明理由：`}</Text>
          {issues.map((x) => {
            const k = rotationIssueKey(x);
            const on = ticked.has(k);
            const toggle = () => {
              const next = new Set(ticked);
              if (on) next.delete(k);
              else next.add(k);
              setTicked(next);
            };
            return (
              <View
                {...tapA11y('checkbox', { checked: on })}
                className="check-item publish-issue"
                key={k}
                onClick={toggle}
              >
                <View className={`check-box${on ? ' checked' : ''}`} aria-hidden="true">
                  {on ? '✓' : ''}
                </View>
                <Text className="field-error">{`${x.text}（我已知悉，此项不符合规定）`}</Text>
              </View>
            );
          })}
          <Text className="label">带问题公示的理由（将记录在公示记录和审计日志中）</Text>
          <Input
            {...inputA11y('带问题公示的理由')}
            className="input"
            id="publish-reason"
            maxlength={500}
            placeholder={`至少${REASON_MIN}个字`}
            value={reason}
            onInput={(e) => setReason(e.detail.value)}
          />
        </View>
      )}
      <Text className="label">公示开始日期（年-月-日，可选今天或以后）</Text>
      <Input
        {...inputA11y('公示开始日期')}
        className="input"
        id="publish-from"
        maxlength={10}
        value={from}
        onInput={(e) => setFrom(e.detail.value)}
      />
      {why ? (
        <Text className="muted line" id="publish-blocked">
          {why}
        </Text>
      ) : null}
      <Button
        className={`btn ${why ? '' : 'btn-primary'}`}
        id="rotation-publish"
        disabled={!!why || busy || undefined}
        aria-disabled={!!why || busy}
        onClick={() => void publish()}
      >
        {adjustments.length > 0 ? `公示方案（含 ${adjustments.length} 处人工调整）` : '公示方案'}
      </Button>
    </View>
  );
}
