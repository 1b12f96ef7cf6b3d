// 交流轮岗 for the bureau. Before publishing: a plan on the county's staff records (previewed, not
// saved) with hand adjustments checked live, the teacher indicators' 差异系数 and the seven
// indicators per stage, and publishing for 公示 (a plan breaking a rule only with each rule
// acknowledged and a reason). Once published: the published plan, its objections and the final
// notice — no new plan is generated.
import { Button, Input, Text, View } from '@tarojs/components';
import { LoadFailed } from '../../../components/LoadFailed';
import { inputA11y } from '../../../components/a11y';
import { useDidShow } from '@tarojs/taro';
import type { RotationPreview, RotationRecordView } from '@shared/api';
import type { RotationAdjustment } from '@shared/rotation/adjust';
import { indicatorShortLabels, type IndicatorKey } from '@shared/rotation/indicators';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { Chips } from '../../../components/Chips';
import { DataTable } from '../../../components/DataTable';
import { rotationApi } from '../../../services/api';
import { useDesk } from '../../../services/layout';
import { Adjust } from './Adjust';
import { Published } from './Published';
import { PublishPanel } from './PublishPanel';
import { Rules } from './Rules';
import { StaffData } from './StaffData';

const stageNames = { primary: '小学', junior: '初中' } as const;

function Preview({
  p,
  basis,
  setBasis,
}: {
  p: RotationPreview;
  basis: 'official' | 'teaching';
  setBasis(b: 'official' | 'teaching'): void;
}) {
  const when = basis === 'official' ? '当前' : '按预览方案交流后';
  return (
    <View>
      <View className="card" id="rotation-cv">
        <Text className="card-title">教师指标差异系数（当前 → 按预览方案交流后）</Text>
        <DataTable
          id="rotation-cv-table"
          caption="教师指标差异系数"
          columns={[
            {
              key: 'k',
              title: '指标',
              render: (r) => `${stageNames[r.stage]}·${indicatorShortLabels[r.indicator as IndicatorKey]}`,
            },
            { key: 'before', title: '当前', numeric: true, render: (r) => r.before.toFixed(3) },
            { key: 'after', title: '预览方案交流后', numeric: true, render: (r) => r.after.toFixed(3) },
            {
              key: 'ok',
              title: '结论',
              render: (r) => {
                const limit = r.stage === 'primary' ? 0.5 : 0.45;
                return (
                  <Text className={r.after <= limit ? 'field-ok' : 'field-error'}>
                    {r.after <= limit ? '达标' : `超过${limit}`}
                  </Text>
                );
              },
            },
          ]}
          rows={p.cv}
          rowKey={(r) => `${r.stage}-${r.indicator}`}
        />
      </View>
      <View className="card">
        <Text className="card-title">七项指标：教师数统计口径</Text>
        <Chips<'official' | 'teaching'>
          id="indicator-basis"
          options={[
            { value: 'official', label: '当前：编制统计（人事关系所在校）' },
            { value: 'teaching', label: '按预览方案交流后：实际任教（含借调）' },
          ]}
          value={basis}
          onChange={setBasis}
        />
      </View>
      <View className="desk-grid">
        {(basis === 'official' ? p.tables : p.teachingTables).map((t) => (
          <View className="card" key={t.stage} id={`indicators-${t.stage}`}>
            <Text className="card-title">{`${stageNames[t.stage]}七项指标差异系数（${when}，限值 ${t.cvLimit}）`}</Text>
            <DataTable
              id={`indicators-table-${t.stage}`}
              caption={`${stageNames[t.stage]}七项指标差异系数`}
              columns={[
                { key: 'k', title: '指标', render: ([k]) => indicatorShortLabels[k as IndicatorKey] },
                {
                  key: 'v',
                  // Which figures these are, before anything is published (walk leftover: unlabelled).
                  title: `${when}差异系数`,
                  numeric: true,
                  render: ([, v]) => (
                    <Text className={v <= t.cvLimit ? 'field-ok' : 'field-error'}>{v.toFixed(3)}</Text>
                  ),
                },
              ]}
              rows={Object.entries(t.cv)}
              rowKey={([k]) => k}
            />
            <Text className="muted">{`达到“7项中至少6项达标”的学校：${t.schools.filter((s) => s.passes).length}/${t.schools.length}`}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

export default function RotationPage() {
  const desk = useDesk();
  const [seed, setSeed] = useState('');
  const [p, setP] = useState<RotationPreview | null>(null);
  const [rec, setRec] = useState<RotationRecordView | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  // The first load failing (no permission, the network) leaves nothing to show: the refusal
  // with its way back, never the page's menu over an empty page.
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [basis, setBasis] = useState<'official' | 'teaching'>('official');

  const loadRecord = async () => {
    const r = await rotationApi.record();
    if (!r.ok) return rec === undefined ? setLoadError(r.message) : setError(r.message);
    setRec(r.data);
    // Nothing published yet: open on a preview with the default seed, so the page shows a plan.
    if (r.data === null && p === null) await run();
  };
  useDidShow(() => void loadRecord());

  const run = async (adjustments: readonly RotationAdjustment[] = []) => {
    setBusy(true);
    setError(null);
    const r = await rotationApi.preview(seed.trim() || null, adjustments);
    setBusy(false);
    if (r.ok) setP(r.data);
    else setError(r.message);
  };

  if (loadError) return <LoadFailed message={loadError} />;
  if (rec === undefined)
    return (
      <View className="page">
        <ErrorBanner message={error} />
        {error ? null : <Text className="muted">正在加载…</Text>}
      </View>
    );

  if (rec)
    return (
      <View className="page">
        <View className="page-head">
          <Text className="title">交流轮岗</Text>
          <Text className="subtitle">{`${rec.year}年方案${rec.status === 'final' ? '已正式发布' : '公示中'}，不能再生成新方案`}</Text>
        </View>
        <ErrorBanner message={error} />
        <Published rec={rec} reload={loadRecord} />
        <StaffData imported={() => void loadRecord()} />
      </View>
    );

  const generate = (
    <View className="card">
      <Text className="card-title">生成方案（预览）</Text>
      <Text className="label">随机种子（可留空，默认为年份）</Text>
      <Input
        {...inputA11y('随机种子')}
        className="input"
        id="rotation-seed"
        value={seed}
        maxlength={32}
        onInput={(e) => setSeed(e.detail.value)}
      />
      <Button
        className="btn btn-primary"
        id="rotation-preview"
        disabled={busy || undefined}
        onClick={() => void (busy ? null : run())}
      >
        {busy ? '正在生成…' : '生成轮岗方案（预览）'}
      </Button>
      <Text className="muted line">预览不保存、不通知教师；确认无误后公示。公示后方案不能重新生成。</Text>
    </View>
  );
  const summary = p ? (
    <View className="card" id="rotation-summary">
      <Text className="card-title">{`${p.year}年方案（种子 ${p.seed}）`}</Text>
      <Text className="muted line">
        {`应交流教师 ${p.counts.eligible} 人，拟交流 ${p.counts.rotated} 人，其中骨干 ${p.counts.backbone} 人（${p.counts.rotated ? Math.round((p.counts.backbone / p.counts.rotated) * 100) : 0}%）`}
      </Text>
      <Text className="muted line" id="rotation-quality">
        {p.quality
          ? `六项教师指标差异系数之和：方案后 ${p.quality.sumAfter.toFixed(3)}，理论下界 ${p.quality.lowerBound.toFixed(3)}（相差 ${(p.quality.gap * 100).toFixed(1)}%，${p.quality.provenOptimal ? '已证明是最优方案' : '尚未证明是最优方案'}）`
          : p.adjustments.length > 0
            ? '人工调整后的方案不再与理论下界比较。'
            : '本次未计算理论下界。'}
      </Text>
      {p.problems.map((x) => (
        <Text className="banner-error rotation-problem" key={x}>
          {x}
        </Text>
      ))}
    </View>
  ) : null;

  return (
    <View className="page">
      <View className="page-head">
        <Text className="title">交流轮岗</Text>
        <Text className="subtitle">
          {p
            ? `按本县交流规则（任教满${p.rules.tenureYears}年、交流比例${Math.round(p.rules.quota * 100)}%、骨干不少于${Math.round(p.rules.backboneShare * 100)}%）生成的方案预览`
            : '按本县交流规则生成方案预览'}
        </Text>
      </View>
      <ErrorBanner message={error} />
      {desk ? (
        // At a desk the plan comes first, beside the seed that made it and the publish panel; the
        // staff data and the rules that shape it below (they hid the plan under the fold).
        <View>
          <View className="desk-grid desk-grid-3">
            {generate}
            {p ? summary : null}
            {p ? (
              <PublishPanel p={p} seed={seed} adjustments={p.adjustments} onPublished={loadRecord} />
            ) : null}
          </View>
          {p ? <Preview p={p} basis={basis} setBasis={setBasis} /> : null}
          {p ? <Adjust p={p} busy={busy} adjust={(next) => void run(next)} /> : null}
          <View className="desk-grid">
            <StaffData imported={() => void run()} />
            <Rules changed={() => void run()} />
          </View>
        </View>
      ) : (
        <View>
          {generate}
          <StaffData imported={() => void run()} />
          <Rules changed={() => void run()} />
          {p ? (
            <View>
              {summary}
              <PublishPanel p={p} seed={seed} adjustments={p.adjustments} onPublished={loadRecord} />
              <Adjust p={p} busy={busy} adjust={(next) => void run(next)} />
              <Preview p={p} basis={basis} setBasis={setBasis} />
            </View>
          ) : null}
        </View>
      )}
    </View>
  );
}
