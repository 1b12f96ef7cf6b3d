// 统筹安排 after the results are published: the children the draw left without a seat (统筹中 — their
// families were told the arrangement comes as a message) and those approved too late for the
// draw. The officer picks a school with seats left (the draw's suggestion first), writes the
// reason the family will read, and the family is told at once.
import { Button, Input, Text, View } from '@tarojs/components';
import type { ArrangeView } from '@shared/api';
import type { Stage } from '@shared/settings';
import { useEffect, useState } from 'react';
import { inputA11y } from '../../../components/a11y';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { Chips } from '../../../components/Chips';
import { DataTable } from '../../../components/DataTable';
import { placementApi } from '../../../services/api';

type Child = ArrangeView['children'][number];

function ArrangeForm({ c, v, done }: { c: Child; v: ArrangeView; done: (text: string) => void }) {
  const open = v.schools.filter((s) => s.left > 0);
  const [school, setSchool] = useState<string | null>(
    open.some((s) => s.id === c.suggestedSchoolId) ? c.suggestedSchoolId : null,
  );
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ordered = [...open].sort((a, b) =>
    a.id === c.suggestedSchoolId ? -1 : b.id === c.suggestedSchoolId ? 1 : a.name.localeCompare(b.name, 'zh'),
  );
  const save = async () => {
    if (!school) return setError('请选择一所有空余学位的学校。');
    const r = await placementApi.arrange({
      registrationId: c.registrationId,
      version: c.version,
      schoolId: school,
      reason: reason.trim(),
    });
    if (!r.ok) return setError(r.message);
    done(`已将${c.childName}统筹安排到${r.data.schoolName}，已通知家长。`);
  };
  return (
    <View className="sub-card arrange-form">
      <ErrorBanner message={error} />
      <Text className="label">安排到（括号内为空余学位）</Text>
      {ordered.length === 0 ? (
        <Text className="field-error line">本学段各校都已没有空余学位。</Text>
      ) : (
        <Chips<string | null>
          id={`arrange-school-${c.registrationId}`}
          label="安排到的学校"
          options={ordered.map((s) => ({
            value: s.id,
            label: `${s.name}（${s.left}）${s.id === c.suggestedSchoolId ? ' · 派位建议' : ''}`,
          }))}
          value={school}
          onChange={setSchool}
        />
      )}
      <Text className="label">安排理由（家长会看到）</Text>
      <Input
        {...inputA11y('安排理由')}
        className="input arrange-reason"
        placeholder="例如：就近安排到有空余学位的学校"
        value={reason}
        maxlength={200}
        onInput={(e) => setReason(e.detail.value)}
      />
      <Button className="btn btn-primary arrange-save" onClick={() => void save()}>
        确认安排并通知家长
      </Button>
    </View>
  );
}

export function Arrange({ stage }: { stage: Stage }) {
  const [v, setV] = useState<ArrangeView | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  // Reloaded after every arrangement (tick) and for the other stage; the banners start clean.
  const [tick, setTick] = useState(0);
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    void placementApi.arrangeList(stage, offset).then((r) => {
      if (!r.ok) return setError(r.message);
      setError(null);
      setV(r.data);
    });
  }, [stage, tick, offset]);
  useEffect(() => {
    setInfo(null);
    setOpen(null);
    setOffset(0);
  }, [stage]);

  if (!v?.published) return null;
  const seatsLeft = v.schools.reduce((a, s) => a + s.left, 0);
  return (
    <View className="card desk-wide" id="arrange">
      <Text className="card-title">统筹安排</Text>
      <Text className="muted line">
        {`派位后未录取（统筹中）和派位结果公布后才审核通过的儿童，共 ${v.total} 人待安排；本学段各校共有空余学位 ${seatsLeft} 个。点一名儿童进行安排。`}
      </Text>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      <DataTable
        id="arrange-table"
        caption="待统筹安排的儿童"
        rows={v.children}
        remote={{ total: v.total, offset: v.offset, limit: v.limit, onPage: setOffset }}
        rowKey={(c) => c.registrationId}
        rowId={(c) => `arrange-${c.registrationId}`}
        empty="没有待统筹安排的儿童。"
        columns={[
          { key: 'name', title: '儿童', render: (c) => c.childName, nowrap: true },
          { key: 'id', title: '身份证号', render: (c) => c.idNumber, nowrap: true, deskOnly: true },
          { key: 'status', title: '状态', render: (c) => c.statusLabel, nowrap: true },
          { key: 'applied', title: '所报学校', render: (c) => c.appliedSchoolName },
          {
            key: 'suggested',
            title: '派位建议',
            render: (c) => v.schools.find((s) => s.id === c.suggestedSchoolId)?.name ?? '—',
          },
          {
            key: 'act',
            title: '操作',
            render: (c) => (
              <Button
                size="mini"
                className="btn arrange-open"
                onClick={() => setOpen(open === c.registrationId ? null : c.registrationId)}
              >
                {open === c.registrationId ? '收起' : '安排'}
              </Button>
            ),
          },
        ]}
        expanded={(c) =>
          open === c.registrationId ? (
            <ArrangeForm
              c={c}
              v={v}
              done={(text) => {
                setOpen(null);
                setInfo(text);
                setTick((t) => t + 1);
              }}
            />
          ) : null
        }
      />
    </View>
  );
}
