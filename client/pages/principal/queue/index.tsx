// The school's review queue, list first: filters folded under one line (status, tier, anomaly
// flag, route, search), bulk approval of the registrations without flags after a confirmation
// that says how many and what is left out; the school's other tools below the list, each role
// seeing only what it may use.
import { Button, Input, Text, View } from '@tarojs/components';
import { inputA11y, tapA11y } from '../../../components/a11y';
import Taro, { useDidShow } from '@tarojs/taro';
import type { RegistrationView } from '@shared/api';
import { registrationFlagLabels } from '@shared/registration/flags';
import type { Role } from '@shared/identity/roles';
import type { RegistrationStatus } from '@shared/registration/status';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { Chips } from '../../../components/Chips';
import { SignOut } from '../../../components/SignOut';
import { TextSize } from '../../../components/TextSize';
import { StatusTag } from '../../../components/StatusTag';
import { authApi, registrationApi, reportsApi, type QueueQuery } from '../../../services/api';
import { fileSave } from '../../../services/download';

const statusOptions: { value: RegistrationStatus | null; label: string }[] = [
  { value: 'pending_review', label: '待审核' },
  { value: 'first_approved', label: '待复审' },
  { value: 'needs_more', label: '需补充材料' },
  { value: 'approved', label: '审核通过' },
  { value: 'rejected', label: '未通过' },
  { value: null, label: '全部' },
];
const tierOptions: { value: string | null; label: string }[] = [
  { value: null, label: '全部类别' },
  { value: '1', label: '一类' },
  { value: '2', label: '二类' },
  { value: '3', label: '三类' },
  { value: '4', label: '四类' },
  { value: '0', label: '统筹' },
];
const flagOptions: { value: string | null; label: string }[] = [
  { value: null, label: '全部' },
  ...Object.entries(registrationFlagLabels).map(([value, label]) => ({ value, label })),
];

export default function Queue() {
  const [q, setQ] = useState<QueueQuery>({
    status: 'pending_review',
    tier: null,
    flag: null,
    route: null,
    search: null,
  });
  const [search, setSearch] = useState('');
  const [schoolName, setSchoolName] = useState('');
  const [items, setItems] = useState<readonly RegistrationView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [toolMessage, setToolMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [role, setRole] = useState<Role | null>(null);

  const load = async (query: QueueQuery, offset: number) => {
    const r = await registrationApi.queue(query, offset);
    if (!r.ok) return setError(r.message);
    setError(null);
    setSchoolName(r.data.schoolName);
    setItems((prev) => (offset === 0 ? r.data.items : [...prev, ...r.data.items]));
    setNext(r.data.next);
  };
  const apply = (patch: Partial<QueueQuery>) => {
    const nq = { ...q, ...patch };
    setQ(nq);
    void load(nq, 0);
  };
  useDidShow(() => {
    void load(q, 0);
    if (role === null) void authApi.whoami().then((me) => me.ok && setRole(me.data.role));
  });

  // An export's outcome is shown beside the export buttons, where the user tapped.
  const exportList = async (list: 'approved' | 'admitted' | 'all') => {
    const r = await reportsApi.exportList(list);
    if (!r.ok) return setToolMessage({ error: true, text: r.message });
    await fileSave(r.data);
    setToolMessage({
      error: false,
      text: `已导出 ${r.data.rows} 条：${r.data.fileName}（身份证号、电话已隐去中间位）`,
    });
  };

  const clean = items.filter(
    (r) => (r.status === 'pending_review' || r.status === 'first_approved') && r.flags.length === 0,
  );
  const flagged = items.filter(
    (r) => (r.status === 'pending_review' || r.status === 'first_approved') && r.flags.length > 0,
  );
  const bulk = async () => {
    // Says how many, and what is left out and why, before anything is approved.
    const excluded = [...new Set(flagged.flatMap((r) => r.flags.map((f) => f.label)))];
    const c = await Taro.showModal({
      title: `批量通过 ${clean.length} 份报名`,
      content: `将通过本页 ${clean.length} 份没有异常标记的报名：${clean
        .slice(0, 8)
        .map((r) => r.childName)
        .join('、')}${clean.length > 8 ? ' 等' : ''}。${
        flagged.length > 0 ? `另有 ${flagged.length} 份因“${excluded.join('、')}”不在其中，须逐份审核。` : ''
      }通过后家长会立即收到结果，确定吗？`,
      confirmText: '确定通过',
      cancelText: '再看看',
    });
    if (!c.confirm) return;
    const res = await registrationApi.bulkApprove(clean.map((r) => ({ id: r.id, version: r.version })));
    if (!res.ok) return setError(res.message);
    setInfo(`已批量通过 ${res.data.approved} 份无异常的报名。`);
    await load(q, 0);
  };
  const active = [
    statusOptions.find((o) => o.value === q.status)?.label,
    q.tier !== null ? tierOptions.find((o) => o.value === String(q.tier))?.label : null,
    q.flag ? flagOptions.find((o) => o.value === q.flag)?.label : null,
    q.route ? (q.route === 'migrant' ? '随迁子女' : '户籍/房产') : null,
    q.search ? `搜索“${q.search}”` : null,
  ].filter(Boolean);

  return (
    <View className="page">
      <Text className="title">报名审核</Text>
      <Text className="subtitle">{schoolName}</Text>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      <View className="row">
        <Text className="filters-summary" id="filters-summary">{`筛选：${active.join(' · ')}`}</Text>
        <Button
          size="mini"
          className="btn-line"
          id="toggle-filters"
          aria-expanded={filtersOpen}
          onClick={() => setFiltersOpen((o) => !o)}
        >
          {filtersOpen ? '收起筛选' : '筛选'}
        </Button>
      </View>
      {filtersOpen ? (
        <View className="card" id="filters">
          <Chips
            id="filter-status"
            options={statusOptions}
            value={q.status}
            onChange={(v) => apply({ status: v })}
          />
          <View style={{ height: '12px' }} />
          <Chips
            id="filter-tier"
            options={tierOptions}
            value={q.tier === null ? null : String(q.tier)}
            onChange={(v) => apply({ tier: v === null ? null : Number(v) })}
          />
          <View style={{ height: '12px' }} />
          <Chips id="filter-flag" options={flagOptions} value={q.flag} onChange={(v) => apply({ flag: v })} />
          <View style={{ height: '12px' }} />
          <Chips
            id="filter-route"
            options={[
              { value: null, label: '全部途径' },
              { value: 'resident', label: '户籍/房产' },
              { value: 'migrant', label: '随迁子女' },
            ]}
            value={q.route}
            onChange={(v) => apply({ route: v })}
          />
          <View className="row">
            <Input
              {...inputA11y('查找：儿童姓名，或身份证、手机号后4位')}
              className="input"
              style={{ flex: 1 }}
              id="queue-search"
              value={search}
              placeholder="儿童姓名，或身份证/手机号后4位"
              onInput={(e) => setSearch(e.detail.value)}
            />
            <Button
              size="mini"
              className="btn btn-line"
              onClick={() => apply({ search: search.trim() || null })}
            >
              搜索
            </Button>
          </View>
        </View>
      ) : null}
      {clean.length > 0 ? (
        <Button className="btn btn-primary" id="bulk-approve" onClick={() => void bulk()}>
          {`批量通过无异常的报名（${clean.length}份）`}
        </Button>
      ) : null}
      <View style={{ height: '16px' }} />
      {items.length === 0 ? <Text className="muted">没有符合条件的报名。</Text> : null}
      {items.map((r) => (
        <View
          {...tapA11y('button')}
          key={r.id}
          className="card queue-item"
          onClick={() => void Taro.navigateTo({ url: `/pages/principal/review/index?id=${r.id}` })}
        >
          <View className="row">
            <Text className="card-title">{r.childName}</Text>
            <StatusTag status={r.status} label={r.statusLabel} />
          </View>
          <Text className="muted">
            {`${r.tierLabel} · ${r.stageLabel} · 身份证 ${r.idNumberMasked}\n出生 ${r.birthDate} · ${r.gender === 'M' ? '男' : '女'} · 提交于 ${new Date(r.createdAt).toLocaleDateString('zh-CN')}`}
          </Text>
          {r.flags.length > 0 ? (
            <View className="chips">
              {r.flags.map((f) => (
                <Text key={f.code} className="status status-rejected flag">
                  {f.label}
                </Text>
              ))}
            </View>
          ) : null}
        </View>
      ))}
      {next !== null ? (
        <Button className="btn" onClick={() => void load(q, next)}>
          加载更多
        </Button>
      ) : null}
      <View className="card tools" id="school-tools">
        <Text className="card-title">学校工作</Text>
        <Button
          className="btn btn-line"
          id="open-capacity"
          onClick={() => void Taro.navigateTo({ url: '/pages/principal/capacity/index' })}
        >
          学位与报名情况
        </Button>
        {/* Only what the role may use: a reviewer (审核员) reviews; the principal runs the school. */}
        {role === 'principal' ? (
          <View>
            <Button
              className="btn btn-line"
              id="open-classes"
              onClick={() => void Taro.navigateTo({ url: '/pages/principal/classes/index' })}
            >
              均衡编班
            </Button>
            <Button
              className="btn btn-line"
              id="open-school-rotation"
              onClick={() => void Taro.navigateTo({ url: '/pages/principal/rotation/index' })}
            >
              交流轮岗推荐
            </Button>
            <Button
              className="btn btn-line"
              id="open-school-oversight"
              onClick={() => void Taro.navigateTo({ url: '/pages/principal/oversight/index' })}
            >
              本校督导（学位、班额、七项指标）
            </Button>
          </View>
        ) : null}
        <Button className="btn btn-line" id="export-approved" onClick={() => void exportList('approved')}>
          导出审核通过名单
        </Button>
        <Button className="btn btn-line" id="export-admitted" onClick={() => void exportList('admitted')}>
          导出录取名单（公示）
        </Button>
        <Button className="btn btn-line" id="export-all" onClick={() => void exportList('all')}>
          导出全部报名
        </Button>
        {toolMessage?.error ? <ErrorBanner message={toolMessage.text} /> : null}
        {toolMessage && !toolMessage.error ? <InfoBanner message={toolMessage.text} /> : null}
      </View>
      <TextSize />
      <SignOut />
    </View>
  );
}
