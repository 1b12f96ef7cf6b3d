// Bureau home: the county at a glance, and one-time invite codes for staff.
import { Button, Input, Text, View } from '@tarojs/components';
import { LoadFailed } from '../../../components/LoadFailed';
import { inputA11y, tapA11y } from '../../../components/a11y';
import Taro, { useDidShow } from '@tarojs/taro';
import type { CountyOverview } from '@shared/api';
import type { StaffRole } from '@shared/identity/roles';
import { registrationStatusLabels, type RegistrationStatus } from '@shared/registration/status';
import { stageLabels } from '@shared/settings';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { AuditHead } from './AuditHead';
import { ChildLookup } from './ChildLookup';
import { MissingDocuments } from './MissingDocuments';
import { Retention } from './Retention';
import { SignOut } from '../../../components/SignOut';
import { TextSize } from '../../../components/TextSize';
import { authApi, countyApi } from '../../../services/api';
import { instantTimeLabel } from '@shared/time';

const inviteRoles: { role: StaffRole; label: string }[] = [
  { role: 'principal', label: '校长' },
  { role: 'reviewer', label: '审核员' },
  { role: 'teacher', label: '教师' },
  { role: 'bureau', label: '教育局' },
];

export default function BureauHome() {
  const [o, setO] = useState<CountyOverview | null>(null);
  // The first load failing (no permission, the network) leaves nothing to show: the refusal
  // with its way back, never the page's menu over an empty page.
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [role, setRole] = useState<StaffRole>('principal');
  const [schoolId, setSchoolId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [invite, setInvite] = useState<string | null>(null);

  useDidShow(() => {
    void countyApi.overview().then((r) => (r.ok ? setO(r.data) : setLoadError(r.message)));
  });

  const createInvite = async () => {
    setError(null);
    const r = await authApi.createInvite({
      role,
      schoolId: role === 'bureau' ? null : schoolId,
      displayName: name,
      validDays: 7,
    });
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setInvite(`邀请码 ${r.data.code}，有效期至 ${instantTimeLabel(r.data.expiresAt)}，只能使用一次。`);
  };

  const toggleTwoLevel = async () => {
    if (!o?.settings) return;
    const r = await countyApi.setReviewLevels(!o.settings.twoLevelReview);
    if (!r.ok) return setError(r.message);
    const next = await countyApi.overview();
    if (next.ok) setO(next.data);
  };

  const byStatus = o
    ? (Object.entries(o.snapshot.registrationsByStatus) as [RegistrationStatus, number][])
    : [];

  if (loadError) return <LoadFailed message={loadError} />;
  return (
    <View className="page">
      <Text className="title">青山县教育局</Text>
      <ErrorBanner message={error} />
      <Button
        className="btn"
        id="open-zones"
        onClick={() => void Taro.navigateTo({ url: '/pages/bureau/zones/index' })}
      >
        学区表（查看、导入、导出）
      </Button>
      <Button
        className="btn"
        id="open-placement"
        onClick={() => void Taro.navigateTo({ url: '/pages/bureau/placement/index' })}
      >
        电脑派位（冻结名单、摇号、公布）
      </Button>
      <Button
        className="btn"
        id="open-rotation"
        onClick={() => void Taro.navigateTo({ url: '/pages/bureau/rotation/index' })}
      >
        交流轮岗与差异系数
      </Button>
      <Button
        className="btn"
        id="open-dashboard"
        onClick={() => void Taro.navigateTo({ url: '/pages/bureau/dashboard/index' })}
      >
        督导看板（规则检查、学位、特殊群体）
      </Button>
      <Button
        className="btn"
        id="open-census"
        onClick={() => void Taro.navigateTo({ url: '/pages/bureau/census/index' })}
      >
        控辍保学（适龄儿童名册比对、跟踪）
      </Button>
      {o ? (
        <View>
          <View className="card" id="county-overview">
            <Text className="card-title">全县概况</Text>
            <Text className="muted">
              {`学校 ${o.snapshot.schools} 所 · 教师 ${o.snapshot.teachers} 人${o.settings ? ` · ${o.settings.enrollmentYear}年招生` : ''}`}
            </Text>
            <Text className="muted">
              {`\n报名：${byStatus.length === 0 ? '暂无' : byStatus.map(([s, n]) => `${registrationStatusLabels[s]} ${n}`).join('，')}`}
            </Text>
          </View>
          <AuditHead audit={o.audit} />
          <View className="card">
            <Text className="card-title">审核方式</Text>
            <Text className="muted">
              {o.settings?.twoLevelReview
                ? '两级审核：审核员初审，校长复审（同一份报名的初审、复审须由不同的人进行）。'
                : '一级审核：校长或审核员审核后即为审核通过。'}
            </Text>
            <Button size="mini" className="btn" id="toggle-two-level" onClick={() => void toggleTwoLevel()}>
              {o.settings?.twoLevelReview ? '改为一级审核' : '改为两级审核（初审 → 复审）'}
            </Button>
          </View>
          <ChildLookup />
          {o.settings ? (
            <MissingDocuments
              settings={o.settings}
              onSaved={() => void countyApi.overview().then((r) => r.ok && setO(r.data))}
            />
          ) : null}
          <View className="card">
            <Text className="card-title">学校与起始年级学位</Text>
            <View className="table-row">
              <Text className="cell-wide">学校</Text>
              <Text className="cell">学段</Text>
              <Text className="cell">班数</Text>
              <Text className="cell">学位</Text>
            </View>
            {o.schools.map((s) => (
              <View className="table-row" key={s.id}>
                <Text className="cell-wide">{s.name}</Text>
                <Text className="cell">{stageLabels[s.stage]}</Text>
                <Text className="cell">{s.entryClasses}</Text>
                <Text className="cell">{s.seats}</Text>
              </View>
            ))}
          </View>
          <View className="card">
            <Text className="card-title">发放教职工邀请码</Text>
            <View className="chips">
              {inviteRoles.map((r) => (
                <Text
                  {...tapA11y('button')}
                  key={r.role}
                  className={`chip ${role === r.role ? 'chip-on' : ''}`}
                  onClick={() => setRole(r.role)}
                >
                  {r.label}
                </Text>
              ))}
            </View>
            {role !== 'bureau' ? (
              <View>
                <Text className="label">学校</Text>
                <View className="chips">
                  {o.schools.map((s) => (
                    <Text
                      {...tapA11y('button')}
                      key={s.id}
                      className={`chip ${schoolId === s.id ? 'chip-on' : ''}`}
                      onClick={() => setSchoolId(s.id)}
                    >
                      {s.name}
                    </Text>
                  ))}
                </View>
              </View>
            ) : null}
            <Text className="label">姓名与职务</Text>
            <Input
              {...inputA11y('姓名与职务')}
              className="input"
              value={name}
              maxlength={40}
              placeholder="例如：张老师（教务主任）"
              onInput={(e) => setName(e.detail.value)}
            />
            <Button className="btn btn-primary" onClick={() => void createInvite()}>
              生成邀请码
            </Button>
            <InfoBanner message={invite} />
          </View>
        </View>
      ) : null}
      <Retention />
      <TextSize />
      <SignOut />
    </View>
  );
}
