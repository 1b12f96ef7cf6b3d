// Where a dashboard finding leads: the class (its size against the cap, boys and girls, the
// children in it), the registration (ID masked, status, tier, flags, history), the school (seats,
// classes, seven indicators) or the indicator (each school's value before and after rotation),
// with the findings that name the record.
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { recordKinds, type RecordView } from '@shared/oversight/recordView';
import { indicatorBasisLabels, indicatorBasisNotes } from '@shared/rotation/service';
import { useState } from 'react';
import { DataTable } from '../../../components/DataTable';
import { LoadFailed } from '../../../components/LoadFailed';
import { FindingList } from '../../../components/Findings';
import { countyApi } from '../../../services/api';
import { instantDateLabel, dateTextLabel } from '@shared/time';

const stageNames = { primary: '小学', junior: '初中' } as const;
const genderNames = { M: '男', F: '女' } as const;
const { current: NOW, afterRotation: AFTER } = indicatorBasisLabels;

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
      <Text className="muted line">{`出生日期 ${dateTextLabel(r.birthDate)}`}</Text>
      {r.flags.length ? <Text className="field-error line">{`提示：${r.flags.join('、')}`}</Text> : null}
      {r.placement ? <Text className="muted line">{r.placement}</Text> : null}
      {r.history.map((h, i) => (
        <View className="table-row" key={i}>
          <Text className="cell">{instantDateLabel(h.at)}</Text>
          <Text className="cell">{h.label}</Text>
          <Text className="cell">{h.by}</Text>
          <Text className="cell-wide">{h.reason ?? ''}</Text>
        </View>
      ))}
    </View>
  );
}

const figure = (f: { value: number; met: boolean } | null) =>
  f === null ? (
    <Text className="muted">—</Text>
  ) : (
    <Text
      className={f.met ? 'field-ok' : 'field-error'}
    >{`${f.value.toFixed(2)}${f.met ? '' : '（未达标）'}`}</Text>
  );

function SchoolBody({ r }: { r: Extract<RecordView, { kind: 'school' }> }) {
  const pass = (x: boolean | null) => (x === null ? '—' : x ? '达标' : '未达标');
  return (
    <View className="desk-grid" id="record-school">
      <View className="card">
        <Text className="card-title">{`${r.school.name}（${r.school.township}）`}</Text>
        <Text className="line">{`报名 ${r.school.applicants} 人，学位 ${r.school.seats} 个，已录取 ${r.school.admitted} 人`}</Text>
        <DataTable
          id="record-school-tiers"
          caption="各类别报名"
          columns={[
            { key: 'label', title: '类别', render: (t) => t.label },
            { key: 'n', title: '报名', numeric: true, render: (t) => `${t.applicants}人` },
          ]}
          rows={r.school.tiers}
          rowKey={(t) => String(t.tier)}
        />
        <Text className="label">班级</Text>
        <DataTable
          id="record-school-classes"
          caption="班级人数"
          columns={[
            { key: 'label', title: '班级', render: (c) => c.label },
            {
              key: 'size',
              title: '人数',
              numeric: true,
              render: (c) => <Text className={c.large ? 'field-error' : ''}>{`${c.size}人`}</Text>,
            },
          ]}
          rows={r.classes}
          rowKey={(c) => c.id}
          empty="尚未编班。"
        />
      </View>
      <View className="card" id="record-school-indicators">
        <Text className="card-title">七项指标</Text>
        <Text className="muted line">{`${indicatorBasisNotes.current}；${indicatorBasisNotes.afterRotation}。`}</Text>
        <Text className="line" id="record-school-pass">
          {`“至少6项达标”：${NOW}${pass(r.indicatorsPass.current)}，${AFTER}${r.indicatorsPass.afterRotation === null ? '—（尚无已公示的交流方案）' : pass(r.indicatorsPass.afterRotation)}`}
        </Text>
        <DataTable
          id="record-school-indicator-table"
          caption="七项指标（当前与轮岗后）"
          columns={[
            { key: 'label', title: '指标', render: (x) => x.label },
            { key: 'now', title: NOW, numeric: true, render: (x) => figure(x.current) },
            { key: 'after', title: AFTER, numeric: true, render: (x) => figure(x.afterRotation) },
            { key: 'std', title: '标准', numeric: true, render: (x) => x.standard },
          ]}
          rows={r.indicators}
          rowKey={(x) => x.key}
        />
      </View>
    </View>
  );
}

function IndicatorBody({ r }: { r: Extract<RecordView, { kind: 'indicator' }> }) {
  const shown = r.cvAfterRotation ?? r.cvCurrent;
  return (
    <View className="card" id="record-indicator">
      <Text className="card-title">{`${stageNames[r.stage]} · ${r.label}`}</Text>
      <Text className={shown <= r.cvLimit ? 'field-ok line' : 'field-error line'}>
        {`差异系数：${NOW} ${r.cvCurrent.toFixed(3)}${r.cvAfterRotation === null ? '' : `，${AFTER} ${r.cvAfterRotation.toFixed(3)}`}（限值 ${r.cvLimit}）`}
      </Text>
      <DataTable
        id="record-indicator-table"
        caption={`${r.label}：各校数值`}
        pageSize={30}
        columns={[
          {
            key: 'name',
            title: '学校',
            render: (x) => x.name,
            sort: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
          },
          {
            key: 'pupils',
            title: '在校生',
            numeric: true,
            render: (x) => x.pupils,
            sort: (a, b) => a.pupils - b.pupils,
          },
          {
            key: 'now',
            title: NOW,
            numeric: true,
            render: (x) => figure(x.current),
            sort: (a, b) => a.current.value - b.current.value,
          },
          { key: 'after', title: AFTER, numeric: true, render: (x) => figure(x.afterRotation) },
        ]}
        rows={r.schools}
        rowKey={(x) => x.schoolId}
      />
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
      <View className="page-head">
        <Text className="title">督导记录</Text>
      </View>
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
