// The school's review queue, list first: on a phone, filters folded under one line and a card per
// registration; at a desk, the filters in a bar above a table with column headers. Both show how
// many registrations the filter matches and page through every one of them. Bulk approval of the
// page's registrations without flags after a confirmation that says how many and what is left
// out; the school's other tools below the list, each role seeing only what it may use.
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
import { DataTable, type Column } from '../../../components/DataTable';
import { instantDateLabel, dateTextLabel } from '@shared/time';
import { authApi, registrationApi, reportsApi, type QueueQuery } from '../../../services/api';
import { fileSave } from '../../../services/download';
import { useDesk } from '../../../services/layout';

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
const routeOptions: { value: 'resident' | 'migrant' | null; label: string }[] = [
  { value: null, label: '全部途径' },
  { value: 'resident', label: '户籍/房产' },
  { value: 'migrant', label: '随迁子女' },
];

const reviewOpen = (r: RegistrationView) =>
  void Taro.navigateTo({ url: `/pages/principal/review/index?id=${r.id}` });
const genderLabel = (r: RegistrationView) => (r.gender === 'M' ? '男' : '女');

/** The queue's columns at a desk; the child's name opens the review. */
const columns: readonly Column<RegistrationView>[] = [
  {
    key: 'child',
    title: '儿童',
    nowrap: true,
    render: (r) => (
      <Text {...tapA11y('link')} className="record-link" onClick={() => reviewOpen(r)}>
        {r.childName}
      </Text>
    ),
  },
  {
    key: 'status',
    title: '状态',
    nowrap: true,
    render: (r) => <StatusTag status={r.status} label={r.statusLabel} />,
  },
  { key: 'tier', title: '类别', nowrap: true, render: (r) => r.tierLabel },
  { key: 'stage', title: '学段', nowrap: true, render: (r) => r.stageLabel },
  { key: 'id', title: '身份证号', nowrap: true, render: (r) => r.idNumberMasked },
  { key: 'birth', title: '出生日期', nowrap: true, render: (r) => dateTextLabel(r.birthDate) },
  { key: 'gender', title: '性别', nowrap: true, render: genderLabel },
  { key: 'at', title: '提交日期', nowrap: true, render: (r) => instantDateLabel(r.createdAt) },
  {
    key: 'flags',
    title: '需留意',
    render: (r) =>
      r.flags.length > 0 ? (
        <Text className="field-error">{r.flags.map((f) => f.label).join('、')}</Text>
      ) : (
        <Text className="muted">无</Text>
      ),
  },
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
  const [page, setPage] = useState({ offset: 0, total: 0, size: 20 });
  const desk = useDesk();
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
    // One page at a time, the count beside it: every registration the filter matches is reached.
    setItems(r.data.items);
    setPage({ offset, total: r.data.total, size: r.data.pageSize });
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
    await load(q, page.offset);
  };
  const active = [
    statusOptions.find((o) => o.value === q.status)?.label,
    q.tier !== null ? tierOptions.find((o) => o.value === String(q.tier))?.label : null,
    q.flag ? flagOptions.find((o) => o.value === q.flag)?.label : null,
    q.route ? (q.route === 'migrant' ? '随迁子女' : '户籍/房产') : null,
    q.search ? `搜索“${q.search}”` : null,
  ].filter(Boolean);

  const searchBox = (
    <View className="row queue-search">
      <Input
        {...inputA11y('查找：儿童姓名，或身份证、手机号后4位')}
        className="input"
        style={{ flex: 1 }}
        id="queue-search"
        value={search}
        placeholder="儿童姓名，或身份证/手机号后4位"
        onInput={(e) => setSearch(e.detail.value)}
      />
      <Button size="mini" className="btn btn-line" onClick={() => apply({ search: search.trim() || null })}>
        搜索
      </Button>
    </View>
  );
  const statusChips = (
    <Chips
      id="filter-status"
      label="状态"
      options={statusOptions}
      value={q.status}
      onChange={(v) => apply({ status: v })}
    />
  );
  const tierChips = (
    <Chips
      id="filter-tier"
      label="类别"
      options={tierOptions}
      value={q.tier === null ? null : String(q.tier)}
      onChange={(v) => apply({ tier: v === null ? null : Number(v) })}
    />
  );
  const flagChips = (
    <Chips
      id="filter-flag"
      label="需留意"
      options={flagOptions}
      value={q.flag}
      onChange={(v) => apply({ flag: v })}
    />
  );
  const routeChips = (
    <Chips
      id="filter-route"
      label="途径"
      options={routeOptions}
      value={q.route}
      onChange={(v) => apply({ route: v })}
    />
  );

  return (
    <View className="page">
      <View className="page-head">
        <Text className="title">报名审核</Text>
        <Text className="subtitle">{schoolName}</Text>
      </View>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      {desk ? (
        // At a desk the filters stay in view, each on its own labelled line of a bar.
        <View className="card filter-bar" id="filters">
          <Text className="filter-label">状态</Text>
          {statusChips}
          <Text className="filter-label">类别</Text>
          {tierChips}
          <Text className="filter-label">需留意</Text>
          <View className="filter-wide">{flagChips}</View>
          <Text className="filter-label">途径</Text>
          {routeChips}
          <Text className="filter-label">查找</Text>
          {searchBox}
        </View>
      ) : (
        <View>
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
              {statusChips}
              <View style={{ height: '12px' }} />
              {tierChips}
              <View style={{ height: '12px' }} />
              {flagChips}
              <View style={{ height: '12px' }} />
              {routeChips}
              {searchBox}
            </View>
          ) : null}
        </View>
      )}
      <View className="card" id="queue-list">
        <View className="row queue-list-head">
          <Text className="card-title" id="queue-count">{`${active.join(' · ')}：共 ${page.total} 份`}</Text>
          {clean.length > 0 ? (
            <Button className="btn btn-primary" id="bulk-approve" onClick={() => void bulk()}>
              {`批量通过本页无异常的报名（${clean.length}份）`}
            </Button>
          ) : null}
        </View>
        <DataTable<RegistrationView>
          id="queue-table"
          caption="报名审核列表"
          columns={columns}
          rows={items}
          rowKey={(r) => r.id}
          rowId={(r) => `reg-${r.id}`}
          empty="没有符合条件的报名。"
          remote={{
            total: page.total,
            offset: page.offset,
            limit: page.size,
            onPage: (o) => void load(q, o),
          }}
          card={(r) => (
            <View {...tapA11y('button')} className="queue-item" onClick={() => reviewOpen(r)}>
              <View className="row">
                <Text className="card-title">{r.childName}</Text>
                <StatusTag status={r.status} label={r.statusLabel} />
              </View>
              <Text className="muted">
                {`${r.tierLabel} · ${r.stageLabel} · 身份证 ${r.idNumberMasked}\n出生 ${dateTextLabel(r.birthDate)} · ${genderLabel(r)} · 提交于 ${instantDateLabel(r.createdAt)}`}
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
          )}
        />
      </View>
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
