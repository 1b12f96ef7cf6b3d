// Where a dashboard finding leads: the class (its size against the cap, boys and girls, the
// children in it), the registration (ID masked, status, tier, flags, history), the school (seats,
// classes, seven indicators) or the indicator (each school's value before and after rotation),
// with the findings that name the record.
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { recordKinds, type RecordView } from '@shared/oversight/recordView';
import { useState } from 'react';
import { LoadFailed } from '../../../components/LoadFailed';
import { FindingList } from '../../../components/Findings';
import { countyApi } from '../../../services/api';

const stageNames = { primary: '小学', junior: '初中' } as const;
const genderNames = { M: '男', F: '女' } as const;

function ClassBody({ r }: { r: Extract<RecordView, { kind: 'class' }> }) {
  const over = r.size >= r.superLargeSize ? 'superLarge' : r.size > r.cap ? 'large' : null;
  return (
    <View className="card" id="record-class">
      <Text className="card-title">{`${r.schoolName}${r.label}`}</Text>
      <Text
        className={over ? 'field-error line' : 'field-ok line'}
        id="record-class-size"
      >{`${r.size}人（班额上限${r.cap}人${over === 'superLarge' ? '，超大班额' : over === 'large' ? '，大班额' : ''}）`}</Text>
      <Text className="muted line">{`男${r.boys}人，女${r.girls}人 · ${r.planStatus === 'published' ? '分班已公布' : '分班草稿'}${r.homeroom ? ` · 班主任 ${r.homeroom}` : ''}`}</Text>
      <View id="record-class-members">
        {r.members.map((m, i) => (
          <Text className="student-chip" key={i}>
            {`${m.name}${m.gender ? `（${genderNames[m.gender]}）` : ''}${m.groups.length ? ` ${m.groups.join('、')}` : ''}`}
          </Text>
        ))}
      </View>
    </View>
  );
}

function RegistrationBody({ r }: { r: Extract<RecordView, { kind: 'registration' }> }) {
  return (
    <View className="card" id="record-registration">
      <Text className="card-title">{`${r.childName} · ${r.idNumberMasked}`}</Text>
      <Text className="line">{`${r.schoolName}（${r.stageLabel}）· ${r.statusLabel} · ${r.tierLabel}`}</Text>
      <Text className="muted line">{`出生日期 ${r.birthDate}`}</Text>
      {r.flags.length ? <Text className="field-error line">{`提示：${r.flags.join('、')}`}</Text> : null}
      {r.placement ? <Text className="muted line">{r.placement}</Text> : null}
      {r.history.map((h, i) => (
        <View className="table-row" key={i}>
          <Text className="cell">{h.at.slice(0, 10)}</Text>
          <Text className="cell">{h.label}</Text>
          <Text className="cell">{h.by}</Text>
          <Text className="cell-wide">{h.reason ?? ''}</Text>
        </View>
      ))}
    </View>
  );
}

function SchoolBody({ r }: { r: Extract<RecordView, { kind: 'school' }> }) {
  return (
    <View className="card" id="record-school">
      <Text className="card-title">{`${r.school.name}（${r.school.township}）`}</Text>
      <Text className="line">{`报名 ${r.school.applicants} 人，学位 ${r.school.seats} 个，已录取 ${r.school.admitted} 人`}</Text>
      {r.school.tiers.map((t) => (
        <View className="table-row" key={`tier-${t.tier}`}>
          <Text className="cell-wide">{t.label}</Text>
          <Text className="cell">{`${t.applicants}人`}</Text>
        </View>
      ))}
      {r.classes.map((c) => (
        <View className="table-row" key={c.id}>
          <Text className="cell-wide">{c.label}</Text>
          <Text className={c.large ? 'cell field-error' : 'cell'}>{`${c.size}人`}</Text>
        </View>
      ))}
      {r.indicatorsPass === null ? null : (
        <Text className={r.indicatorsPass ? 'field-ok line' : 'field-error line'}>
          {r.indicatorsPass ? '七项指标达标' : '七项指标未达标'}
        </Text>
      )}
      {r.indicators.map((x) => (
        <View className="table-row" key={x.key}>
          <Text className="cell-wide">{x.label}</Text>
          <Text className="cell">{x.value.toFixed(2)}</Text>
          <Text className={x.met ? 'cell field-ok' : 'cell field-error'}>{x.met ? '达标' : '未达标'}</Text>
        </View>
      ))}
    </View>
  );
}

function IndicatorBody({ r }: { r: Extract<RecordView, { kind: 'indicator' }> }) {
  return (
    <View className="card" id="record-indicator">
      <Text className="card-title">{`${stageNames[r.stage]} · ${r.label}`}</Text>
      <Text
        className={r.cvAfter <= r.cvLimit ? 'field-ok line' : 'field-error line'}
      >{`差异系数 ${r.cvBefore.toFixed(3)} → ${r.cvAfter.toFixed(3)}（限值 ${r.cvLimit}）`}</Text>
      <View className="table-row">
        <Text className="cell-wide">学校</Text>
        <Text className="cell">在校生</Text>
        <Text className="cell">交流前</Text>
        <Text className="cell">交流后</Text>
      </View>
      {r.schools.map((x) => (
        <View className="table-row" key={x.schoolId}>
          <Text className="cell-wide">{x.name}</Text>
          <Text className="cell">{x.pupils}</Text>
          <Text className="cell">{x.before === null ? '—' : x.before.toFixed(2)}</Text>
          <Text className={x.met ? 'cell' : 'cell field-error'}>{x.after.toFixed(2)}</Text>
        </View>
      ))}
    </View>
  );
}

export default function RecordPage() {
  const { params } = useRouter();
  const [r, setR] = useState<RecordView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => {
    const kind = recordKinds.find((k) => k === params['kind']);
    if (!kind) return setError('链接不完整，请从督导看板进入。');
    void countyApi
      .record(kind, decodeURIComponent(params['id'] ?? ''))
      .then((res) => (res.ok ? setR(res.data) : setError(res.message)));
  });
  if (!r) return <LoadFailed message={error} />;
  return (
    <View className="page">
      <Text className="title">督导记录</Text>
      {r.kind === 'class' ? <ClassBody r={r} /> : null}
      {r.kind === 'registration' ? <RegistrationBody r={r} /> : null}
      {r.kind === 'school' ? <SchoolBody r={r} /> : null}
      {r.kind === 'indicator' ? <IndicatorBody r={r} /> : null}
      <View className="card" id="record-findings">
        <Text className="card-title">{`涉及本记录的规则检查（${r.findings.length} 项）`}</Text>
        <FindingList findings={r.findings} linked here={r} />
      </View>
    </View>
  );
}
