// The principal's slice of the bureau's dashboard: applicants against seats by tier, class sizes
// (大班额 marked), the seven 优质均衡 indicators against the standards, and the rule findings that
// concern the school — the same figures the bureau sees.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { indicatorBasisLabels, indicatorBasisNotes } from '@shared/rotation/service';
import { useState } from 'react';
import { DataTable } from '../../../components/DataTable';
import { LoadFailed } from '../../../components/LoadFailed';
import { FindingList } from '../../../components/Findings';
import { countyApi, type SchoolOversight } from '../../../services/api';

const { current: NOW, afterRotation: AFTER } = indicatorBasisLabels;

export default function SchoolOversightPage() {
  const [v, setV] = useState<SchoolOversight | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => void countyApi.schoolView().then((r) => (r.ok ? setV(r.data) : setError(r.message))));
  if (!v) return <LoadFailed message={error} />;
  const { current: now, afterRotation: later, standards } = v.indicators;
  const rows = Object.entries(standards).map(([k, std]) => ({ k, std }));
  const cell = (row: typeof now, k: string) => {
    if (!row) return <Text className="muted">—</Text>;
    const value = (row.values as Record<string, number>)[k] ?? 0;
    const met = (row.met as Record<string, boolean>)[k] ?? false;
    return (
      <Text
        className={met ? 'field-ok' : 'field-error'}
      >{`${value.toFixed(2)}${met ? '' : '（未达标）'}`}</Text>
    );
  };
  const pass = (row: typeof now) => (row ? (row.passes ? '达标' : '未达标') : '—');
  return (
    <View className="page">
      <View className="page-head">
        <Text className="title">{`本校督导 · ${v.school.name}`}</Text>
        <Text className="subtitle">{`${v.year}年 · 与教育局督导看板同一口径：数字与看板、学校记录、督导报表相同`}</Text>
      </View>
      <View className="desk-grid">
        <View className="card" id="school-seats">
          <Text className="card-title">{`报名 ${v.school.applicants} 人，学位 ${v.school.seats} 个，已录取 ${v.school.admitted} 人`}</Text>
          <DataTable
            id="school-tier-table"
            caption="各类别报名"
            columns={[
              { key: 'label', title: '类别', render: (t) => t.label },
              { key: 'n', title: '报名', numeric: true, render: (t) => `${t.applicants}人` },
            ]}
            rows={v.school.tiers}
            rowKey={(t) => String(t.tier)}
          />
        </View>
        <View className="card" id="school-classes">
          <Text className="card-title">班额</Text>
          <DataTable
            id="school-class-table"
            caption="各班人数"
            columns={[
              { key: 'label', title: '班级', render: (c) => c.label },
              {
                key: 'size',
                title: '人数',
                numeric: true,
                render: (c) => (
                  <Text className={c.superLarge || c.large ? 'field-error' : 'field-ok'}>
                    {`${c.size}人${c.superLarge ? '（超大班额）' : c.large ? '（大班额）' : ''}`}
                  </Text>
                ),
              },
            ]}
            rows={v.classes}
            rowKey={(c) => c.id}
            empty="尚未编班。"
          />
        </View>
        {now ? (
          <View className="card desk-wide" id="school-indicators">
            <Text className="card-title">{`七项指标（至少6项达标，其余不低于标准的85%）：${NOW}${pass(now)}，${AFTER}${later ? pass(later) : '—'}`}</Text>
            <Text className="muted line">
              {later
                ? `${indicatorBasisNotes.current}；${indicatorBasisNotes.afterRotation}。`
                : `${indicatorBasisNotes.current}。尚无已公示的交流方案，没有轮岗后的数字。`}
            </Text>
            <DataTable
              id="school-indicator-table"
              caption="七项指标（当前与轮岗后）"
              columns={[
                { key: 'k', title: '指标', render: (r) => v.indicatorLabels[r.k] ?? '' },
                { key: 'now', title: NOW, numeric: true, render: (r) => cell(now, r.k) },
                { key: 'after', title: AFTER, numeric: true, render: (r) => cell(later, r.k) },
                { key: 'std', title: '标准', numeric: true, render: (r) => r.std },
              ]}
              rows={rows}
              rowKey={(r) => r.k}
            />
          </View>
        ) : null}
        <View className="card desk-wide" id="school-findings">
          <Text className="card-title">{`涉及本校的规则检查（${v.findings.length} 项）`}</Text>
          <FindingList findings={v.findings} linked={false} />
        </View>
      </View>
    </View>
  );
}
