// Hand adjustments to the previewed plan (教育局人工调整): send a moved teacher to another school,
// take them off, or add an eligible teacher the plan left. Every change re-runs the preview with
// the list of adjustments, so the rule checks are live; a change that breaks a rule the computed
// plan keeps is shown in red and cannot be published.
import { Button, Input, Text, View } from '@tarojs/components';
import type { RotationPreview } from '@shared/api';
import type { RotationAdjustment } from '@shared/rotation/adjust';
import { useState } from 'react';
import { Chips } from '../../../components/Chips';

interface Props {
  readonly p: RotationPreview;
  readonly busy: boolean;
  adjust(next: readonly RotationAdjustment[]): void;
}

const stageOf = (p: RotationPreview, schoolId: string) => p.schools.find((s) => s.id === schoolId)?.stage;

/** Receiving schools a teacher of `from` could go to (same stage, not their own). */
function destinations(p: RotationPreview, from: string) {
  const stage = stageOf(p, from);
  return p.schools
    .filter((s) => s.stage === stage && s.id !== from)
    .map((s) => ({ value: s.id, label: `${s.name}${s.locality === 'village' ? '（乡村）' : ''}` }));
}

export function Adjust({ p, busy, adjust }: Props) {
  const [open, setOpen] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const change = (teacherId: string, to: string | null) => {
    setOpen(null);
    adjust([...p.adjustments.filter((a) => a.teacherId !== teacherId), { teacherId, to }]);
  };
  const q = filter.trim();
  const staying = p.staying
    .filter((t) => !q || t.name.includes(q) || t.schoolName.includes(q))
    .sort((a, b) => Number(b.nomination !== null) - Number(a.nomination !== null))
    .slice(0, 20);
  return (
    <View>
      <View className="card" id="rotation-adjustments">
        <Text className="card-title">{`人工调整（${p.adjustments.length} 处）`}</Text>
        {p.adjustments.length === 0 ? (
          <Text className="muted line">
            可在下方为拟交流教师改派学校、移出方案，或加入留在本校的应交流教师；每次调整都会重新检查全部规则。
          </Text>
        ) : (
          <Button className="btn" id="adjust-reset" disabled={busy || undefined} onClick={() => adjust([])}>
            撤销全部调整
          </Button>
        )}
        {p.added.map((x) => (
          <Text className="banner-error adjust-broken" key={x}>
            {`调整后违反规定：${x}`}
          </Text>
        ))}
        {p.refused.map((x) => (
          <Text className="banner-error" key={x}>
            {x}
          </Text>
        ))}
        {p.adjustments.length > 0 && p.added.length === 0 ? (
          <Text className="field-ok" id="adjust-ok">
            调整后的方案符合全部规定。
          </Text>
        ) : null}
      </View>
      <View className="card" id="rotation-moves">
        <Text className="card-title">拟交流人员</Text>
        {p.moves.map((m) => (
          <View className="sub-card" key={m.teacherId} id={`move-${m.teacherId}`}>
            <Text className="label">{`${m.name}：${m.fromName} → ${m.toName}${m.backbone ? '（骨干）' : ''}`}</Text>
            <Text className="muted line">{`${m.form}，${m.startMonth} 至 ${m.endMonth}\n${m.reasons.join('；')}`}</Text>
            <View className="row">
              <Button
                size="mini"
                className="btn move-retarget"
                disabled={busy || undefined}
                onClick={() => setOpen(open === m.teacherId ? null : m.teacherId)}
              >
                改派
              </Button>
              <Button
                size="mini"
                className="btn move-remove"
                disabled={busy || undefined}
                onClick={() => change(m.teacherId, null)}
              >
                移出方案
              </Button>
            </View>
            {open === m.teacherId ? (
              <Chips
                id={`to-${m.teacherId}`}
                options={destinations(p, m.from)}
                value={m.to}
                onChange={(to) => change(m.teacherId, to)}
              />
            ) : null}
          </View>
        ))}
      </View>
      <View className="card" id="rotation-staying">
        <Text className="card-title">{`留在本校的应交流教师（${p.staying.length} 人，学校推荐的排在前面）`}</Text>
        <Input
          className="input"
          id="staying-filter"
          placeholder="按姓名或学校筛选"
          value={filter}
          onInput={(e) => setFilter(e.detail.value)}
        />
        {staying.map((t) => (
          <View className="sub-card" key={t.teacherId} id={`stay-${t.teacherId}`}>
            <Text className="label">{`${t.name}（${t.schoolName}${t.backbone ? '，骨干' : ''}${t.nomination ? `，${t.nomination}` : ''}）`}</Text>
            <Button
              size="mini"
              className="btn stay-add"
              disabled={busy || undefined}
              onClick={() => setOpen(open === t.teacherId ? null : t.teacherId)}
            >
              加入方案
            </Button>
            {open === t.teacherId ? (
              <Chips
                id={`to-${t.teacherId}`}
                options={destinations(p, t.schoolId)}
                value={null as string | null}
                onChange={(to) => to && change(t.teacherId, to)}
              />
            ) : null}
          </View>
        ))}
      </View>
    </View>
  );
}
