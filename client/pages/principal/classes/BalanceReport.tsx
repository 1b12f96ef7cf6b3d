// The balance report as pictures: for the total and every subject, each class's mean as a bar
// around the cohort mean (the shaded band is the best any split could do), and group counts.
import { Text, View } from '@tarojs/components';
import { tapA11y } from '../../../components/a11y';
import type { ClassingReport } from '@shared/classing/types';

export const subjectNames: Record<string, string> = {
  total: '总分',
  chinese: '语文',
  math: '数学',
  english: '英语',
};
const countNames: Record<string, string> = { M: '男生', F: '女生' };

function MeanChart({
  report,
  feature,
  labels,
}: {
  report: ClassingReport;
  feature: string;
  labels: string[];
}) {
  const fig = report.meanSpread[feature];
  if (!fig) return null;
  const means = report.classes.map((c) => c.means[feature] ?? 0);
  const mid = (Math.max(...means) + Math.min(...means)) / 2;
  // Half the chart width is 1 point of mean, or the largest deviation if bigger.
  const scale = Math.max(1, ...means.map((m) => Math.abs(m - mid)));
  const band = fig.lowerBound === null ? 0 : Math.min(50, (fig.lowerBound / 2 / scale) * 50);
  return (
    <View className="sub-card" id={`mean-${feature}`}>
      <Text className="label">
        {`${subjectNames[feature] ?? feature}：各班平均分最多相差 ${fig.value.toFixed(3)}${fig.lowerBound === null ? '' : `（理论最小 ${fig.lowerBound.toFixed(3)}）`}${fig.optimal ? ' ✓ 已最优' : ''}`}
      </Text>
      {means.map((m, k) => {
        const d = ((m - mid) / scale) * 50;
        return (
          <View className="bar-row" key={k}>
            <Text className="bar-label">{labels[k]}</Text>
            <View
              className="bar-track"
              {...tapA11y('img', { label: `${labels[k] ?? ''}平均分 ${m.toFixed(2)}` })}
            >
              <View className="bar-band" style={{ left: `${50 - band}%`, width: `${2 * band}%` }} />
              <View
                className="bar bar-approved"
                style={{ left: `${d < 0 ? 50 + d : 50}%`, width: `${Math.max(0.5, Math.abs(d))}%` }}
              />
            </View>
            <Text className="bar-value">{m.toFixed(2)}</Text>
          </View>
        );
      })}
    </View>
  );
}

export function BalanceReport({ report, labels }: { report: ClassingReport; labels: string[] }) {
  const counts = Object.entries(report.countRange);
  return (
    <View className="card" id="balance-report">
      <Text className="card-title">均衡情况</Text>
      {report.problems.length > 0 ? (
        <Text className="banner-error">{`违反分班要求：${report.problems.join('；')}`}</Text>
      ) : (
        <Text className="muted">各班人数、同班/分班、固定班级要求全部满足。</Text>
      )}
      {Object.keys(report.meanSpread).map((f) => (
        <MeanChart key={f} report={report} feature={f} labels={labels} />
      ))}
      <View className="sub-card" id="group-counts">
        <Text className="label">各班人数分布（相差不超过1为最均衡）</Text>
        <View className="table-row">
          <Text className="cell">班级</Text>
          <Text className="cell">人数</Text>
          {counts.map(([k]) => (
            <Text className="cell" key={k}>
              {countNames[k] ?? k}
            </Text>
          ))}
        </View>
        {report.classes.map((c, i) => (
          <View className="table-row" key={i}>
            <Text className="cell">{labels[i]}</Text>
            <Text className="cell">{c.size}</Text>
            {counts.map(([k]) => (
              <Text className="cell" key={k}>
                {k === 'M' ? c.male : k === 'F' ? c.female : (c.groups[k] ?? 0)}
              </Text>
            ))}
          </View>
        ))}
        <Text className="muted">
          {counts.map(([k, v]) => `${countNames[k] ?? k}相差${v.value}${v.optimal ? '✓' : ''}`).join('　')}
        </Text>
      </View>
      {report.meanSpread['total'] ? (
        <Text
          className="muted"
          id="sd-spread"
        >{`班内总分离散程度（标准差）各班最多相差 ${report.sdSpread.value.toFixed(2)}`}</Text>
      ) : null}
    </View>
  );
}
