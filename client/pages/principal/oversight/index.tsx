// The principal's slice of the bureau's dashboard: applicants against seats by tier, class sizes
// (大班额 marked), the seven 优质均衡 indicators against the standards, and the rule findings that
// concern the school — the same figures the bureau sees.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { LoadFailed } from '../../../components/LoadFailed';
import { FindingList } from '../../../components/Findings';
import { countyApi, type SchoolOversight } from '../../../services/api';

export default function SchoolOversightPage() {
  const [v, setV] = useState<SchoolOversight | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => void countyApi.schoolView().then((r) => (r.ok ? setV(r.data) : setError(r.message))));
  if (!v) return <LoadFailed message={error} />;
  const row = v.indicators.row;
  return (
    <View className="page">
      <Text className="title">{`本校督导 · ${v.school.name}`}</Text>
      <Text className="subtitle">{`${v.year}年 · 与教育局督导看板同一口径`}</Text>
      <View className="card" id="school-seats">
        <Text className="card-title">{`报名 ${v.school.applicants} 人，学位 ${v.school.seats} 个，已录取 ${v.school.admitted} 人`}</Text>
        {v.school.tiers.map((t) => (
          <View className="table-row" key={t.tier}>
            <Text className="cell-wide">{t.label}</Text>
            <Text className="cell">{`${t.applicants}人`}</Text>
          </View>
        ))}
      </View>
      <View className="card" id="school-classes">
        <Text className="card-title">班额</Text>
        {v.classes.length === 0 ? <Text className="muted">尚未编班。</Text> : null}
        {v.classes.map((c) => (
          <View className="table-row" key={c.id}>
            <Text className="cell-wide">{c.label}</Text>
            <Text className={c.superLarge || c.large ? 'cell field-error' : 'cell field-ok'}>
              {`${c.size}人${c.superLarge ? '（超大班额）' : c.large ? '（大班额）' : ''}`}
            </Text>
          </View>
        ))}
      </View>
      {row ? (
        <View className="card" id="school-indicators">
          <Text className="card-title">{`七项指标：${row.passes ? '达标' : '未达标'}（至少6项达标，其余不低于标准的85%）`}</Text>
          {Object.entries(v.indicators.standards).map(([k, std]) => {
            const value = (row.values as Record<string, number>)[k] ?? 0;
            const met = (row.met as Record<string, boolean>)[k] ?? false;
            return (
              <View className="table-row" key={k}>
                <Text className="cell-wide">{v.indicatorLabels[k] ?? k}</Text>
                <Text className="cell">{value.toFixed(2)}</Text>
                <Text className={met ? 'cell field-ok' : 'cell field-error'}>{`标准${std}`}</Text>
              </View>
            );
          })}
        </View>
      ) : null}
      <View className="card" id="school-findings">
        <Text className="card-title">{`涉及本校的规则检查（${v.findings.length} 项）`}</Text>
        <FindingList findings={v.findings} linked={false} />
      </View>
    </View>
  );
}
