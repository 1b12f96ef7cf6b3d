// Hand adjustments to the previewed plan (教育局人工调整): send a moved teacher to another school,
// take them off, or add an eligible teacher the plan left (every one of them reachable, page by
// page). Every change re-runs the preview with the list of adjustments, so the rule checks are
// live; a change that breaks a rule is shown in red, and the plan then cannot be published as is.
import { Button, Input, Text, View } from '@tarojs/components';
import { inputA11y, tapA11y } from '../../../components/a11y';
import type { RotationPreview } from '@shared/api';
import type { RotationAdjustment } from '@shared/rotation/adjust';
import { useState } from 'react';
import { Chips } from '../../../components/Chips';
import { DataTable } from '../../../components/DataTable';

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
  // Every teacher who stays can be reached: filtered, nominees first, then page by page.
  const staying = p.staying
    .filter((t) => !q || t.name.includes(q) || t.schoolName.includes(q))
    .sort((a, b) => Number(b.nomination !== null) - Number(a.nomination !== null));
  return (
    <View>
      <View className="card" id="rotation-adjustments">
        <Text className="card-title">{`人工调整（${p.adjustments.length} 处）`}</Text>
        {p.adjustments.length === 0 ? (
          <Text className="muted line">
            可在下方为拟交流教师改派学校、移出方案，或加入留在本校的应交流教师；每次调整都会重新检查全部规则。
          </Text>
        ) : (
          <Button
            className="btn"
            id="adjust-reset"
            disabled={busy || undefined}
            onClick={() => !busy && adjust([])}
          >
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
            调整没有带来新的违规。
          </Text>
        ) : null}
      </View>
      <View className="card" id="rotation-moves">
        <Text className="card-title">{`拟交流人员（${p.moves.length} 人）`}</Text>
        <DataTable
          id="rotation-move-table"
          caption="拟交流人员"
          columns={[
            {
              key: 'name',
              title: '教师',
              render: (m) => `${m.name}${m.backbone ? '（骨干）' : ''}`,
              sort: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
            },
            {
              key: 'from',
              nowrap: true,
              title: '原学校',
              render: (m) => m.fromName,
              sort: (a, b) => a.fromName.localeCompare(b.fromName, 'zh-CN'),
            },
            {
              key: 'to',
              nowrap: true,
              title: '接收学校',
              render: (m) => m.toName,
              sort: (a, b) => a.toName.localeCompare(b.toName, 'zh-CN'),
            },
            {
              key: 'when',
              nowrap: true,
              title: '形式与起止',
              render: (m) => `${m.form}，${m.startMonth} 至 ${m.endMonth}`,
              deskOnly: true,
            },
            { key: 'why', title: '理由', render: (m) => m.reasons.join('；') },
            {
              key: 'act',
              title: '调整',
              render: (m) => (
                <View className="row">
                  <Text
                    {...tapA11y('button')}
                    className={`record-link move-retarget${busy ? ' link-off' : ''}`}
                    onClick={() => !busy && setOpen(open === m.teacherId ? null : m.teacherId)}
                  >
                    改派
                  </Text>
                  <Text
                    {...tapA11y('button')}
                    className={`record-link move-remove${busy ? ' link-off' : ''}`}
                    onClick={() => !busy && change(m.teacherId, null)}
                  >
                    移出方案
                  </Text>
                </View>
              ),
            },
          ]}
          rows={p.moves}
          rowKey={(m) => m.teacherId}
          rowId={(m) => `move-${m.teacherId}`}
          card={(m) => (
            <View>
              <Text className="label">{`${m.name}：${m.fromName} → ${m.toName}${m.backbone ? '（骨干）' : ''}`}</Text>
              <Text className="muted line">{`${m.form}，${m.startMonth} 至 ${m.endMonth}\n${m.reasons.join('；')}`}</Text>
              <View className="row">
                <Text
                  {...tapA11y('button')}
                  className={`record-link move-retarget${busy ? ' link-off' : ''}`}
                  onClick={() => !busy && setOpen(open === m.teacherId ? null : m.teacherId)}
                >
                  改派
                </Text>
                <Text
                  {...tapA11y('button')}
                  className={`record-link move-remove${busy ? ' link-off' : ''}`}
                  onClick={() => !busy && change(m.teacherId, null)}
                >
                  移出方案
                </Text>
              </View>
            </View>
          )}
          expanded={(m) =>
            open === m.teacherId ? (
              <View>
                <Text className="label">{`${m.name}改派到：`}</Text>
                <Chips
                  id={`to-${m.teacherId}`}
                  options={destinations(p, m.from)}
                  value={m.to}
                  onChange={(to) => change(m.teacherId, to)}
                />
              </View>
            ) : null
          }
        />
      </View>
      <View className="card" id="rotation-staying">
        <Text className="card-title">{`留在本校的应交流教师（${p.staying.length} 人，学校推荐的排在前面）`}</Text>
        <Text className="label">按姓名或学校筛选</Text>
        <Input
          {...inputA11y('按姓名或学校筛选')}
          className="input"
          id="staying-filter"
          placeholder="姓名或学校"
          value={filter}
          onInput={(e) => setFilter(e.detail.value)}
        />
        <DataTable
          id="rotation-staying-table"
          caption="留在本校的应交流教师"
          columns={[
            {
              key: 'name',
              title: '教师',
              render: (t) =>
                `${t.name}${t.backbone ? '（骨干）' : ''}${t.nomination ? `，${t.nomination}` : ''}`,
            },
            {
              key: 'school',
              title: '学校',
              render: (t) => t.schoolName,
              sort: (a, b) => a.schoolName.localeCompare(b.schoolName, 'zh-CN'),
            },
            {
              key: 'act',
              title: '调整',
              render: (t) => (
                <Text
                  {...tapA11y('button')}
                  className={`record-link stay-add${busy ? ' link-off' : ''}`}
                  onClick={() => !busy && setOpen(open === t.teacherId ? null : t.teacherId)}
                >
                  加入方案
                </Text>
              ),
            },
          ]}
          rows={staying}
          rowKey={(t) => t.teacherId}
          rowId={(t) => `stay-${t.teacherId}`}
          card={(t) => (
            <View className="row">
              <Text className="label">{`${t.name}（${t.schoolName}${t.backbone ? '，骨干' : ''}${t.nomination ? `，${t.nomination}` : ''}）`}</Text>
              <Text
                {...tapA11y('button')}
                className={`record-link stay-add${busy ? ' link-off' : ''}`}
                onClick={() => !busy && setOpen(open === t.teacherId ? null : t.teacherId)}
              >
                加入方案
              </Text>
            </View>
          )}
          expanded={(t) =>
            open === t.teacherId ? (
              <View>
                <Text className="label">{`${t.name}交流到：`}</Text>
                <Chips
                  id={`to-${t.teacherId}`}
                  options={destinations(p, t.schoolId)}
                  value={null as string | null}
                  onChange={(to) => to && change(t.teacherId, to)}
                />
              </View>
            ) : null
          }
          empty="没有符合条件的教师。"
        />
      </View>
    </View>
  );
}
