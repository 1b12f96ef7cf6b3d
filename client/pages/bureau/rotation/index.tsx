// 交流轮岗 for the bureau: a plan on the county's staff records (previewed, not yet saved or
// published) with hand adjustments checked live, the seven 优质均衡 indicators per school (as
// official statistics and as actually taught once the plan applies), and the teacher indicators'
// 差异系数 before and after the plan against the limit.
import { Button, Input, Text, View } from '@tarojs/components';
import type { RotationPreview } from '@shared/api';
import type { RotationAdjustment } from '@shared/rotation/adjust';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { rotationApi } from '../../../services/api';
import { Adjust } from './Adjust';
import { Publicity } from './Publicity';
import { Rules } from './Rules';
import { StaffData } from './StaffData';
import { Chips } from '../../../components/Chips';

const stageNames = { primary: '小学', junior: '初中' } as const;
const shortNames: Record<string, string> = {
  qualifiedTeachers: '高于规定学历教师',
  backboneTeachers: '骨干教师',
  peArtsTeachers: '体育艺术教师',
  teachingArea: '生均教学用房',
  sportsArea: '生均体育场馆',
  equipmentValue: '生均仪器设备',
  multimediaRooms: '多媒体教室',
};

export default function RotationPage() {
  const [seed, setSeed] = useState('');
  const [p, setP] = useState<RotationPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [basis, setBasis] = useState<'official' | 'teaching'>('official');

  const run = async (adjustments: readonly RotationAdjustment[] = []) => {
    setBusy(true);
    const r = await rotationApi.preview(seed.trim() || null, adjustments);
    setBusy(false);
    if (r.ok) {
      setP(r.data);
      setError(null);
    } else setError(r.message);
  };

  return (
    <View className="page">
      <Text className="title">交流轮岗</Text>
      <Text className="subtitle">
        {p
          ? `按本县交流规则（任教满${p.rules.tenureYears}年、交流比例${Math.round(p.rules.quota * 100)}%、骨干不少于${Math.round(p.rules.backboneShare * 100)}%）生成的方案预览`
          : '按本县交流规则生成方案预览'}
      </Text>
      <ErrorBanner message={error} />
      <View className="card">
        <Text className="label">随机种子（可留空，默认为年份）</Text>
        <Input
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
          onClick={() => void run()}
        >
          {busy ? '正在生成…' : '生成轮岗方案（预览）'}
        </Button>
        <Text className="muted">预览不保存、不通知教师；确认无误后在下方公示。</Text>
      </View>
      <Rules changed={() => setP(null)} />
      <StaffData imported={() => setP(null)} />
      <Publicity seed={seed} adjustments={p?.adjustments ?? []} blocked={(p?.added.length ?? 0) > 0} />
      {p ? (
        <View>
          <View className="card" id="rotation-summary">
            <Text className="card-title">{`${p.year}年方案（种子 ${p.seed}）`}</Text>
            <Text className="muted">
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
              <Text className="banner-error" key={x}>
                {x}
              </Text>
            ))}
          </View>
          <View className="card" id="rotation-cv">
            <Text className="card-title">教师指标差异系数（方案前 → 方案后）</Text>
            {p.cv.map((r) => {
              const limit = r.stage === 'primary' ? 0.5 : 0.45;
              return (
                <View className="table-row" key={`${r.stage}-${r.indicator}`}>
                  <Text className="cell-wide">{`${stageNames[r.stage]}·${shortNames[r.indicator]}`}</Text>
                  <Text className="cell">{r.before.toFixed(3)}</Text>
                  <Text className="cell">{r.after.toFixed(3)}</Text>
                  <Text className={r.after <= limit ? 'cell field-ok' : 'cell field-error'}>
                    {r.after <= limit ? '达标' : `超${limit}`}
                  </Text>
                </View>
              );
            })}
          </View>
          <View className="card">
            <Text className="card-title">教师数统计口径</Text>
            <Chips<'official' | 'teaching'>
              id="indicator-basis"
              options={[
                { value: 'official', label: '编制统计（人事关系所在校）' },
                { value: 'teaching', label: '实际任教（含借调，方案实施后）' },
              ]}
              value={basis}
              onChange={setBasis}
            />
          </View>
          {(basis === 'official' ? p.tables : p.teachingTables).map((t) => (
            <View className="card" key={t.stage} id={`indicators-${t.stage}`}>
              <Text className="card-title">{`${stageNames[t.stage]}七项指标差异系数（限值 ${t.cvLimit}）`}</Text>
              {Object.entries(t.cv).map(([k, v]) => (
                <View className="table-row" key={k}>
                  <Text className="cell-wide">{shortNames[k] ?? k}</Text>
                  <Text className={v <= t.cvLimit ? 'cell field-ok' : 'cell field-error'}>
                    {v.toFixed(3)}
                  </Text>
                </View>
              ))}
              <Text className="muted">
                {`达到“7项中至少6项达标”的学校：${t.schools.filter((s) => s.passes).length}/${t.schools.length}`}
              </Text>
            </View>
          ))}
          <Adjust p={p} busy={busy} adjust={(next) => void run(next)} />
        </View>
      ) : null}
    </View>
  );
}
