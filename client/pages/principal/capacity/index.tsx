// Seats against applicants, per tier, as bars (plain View/CSS: renders the same in WeChat and
// H5). The principal sets the number of entry classes; seats follow from the cap.
import { Button, Input, Text, View } from '@tarojs/components';
import { inputA11y, liveA11y, tapA11y } from '../../../components/a11y';
import { useDidShow } from '@tarojs/taro';
import type { Capacity } from '@shared/api';
import type { Role } from '@shared/identity/roles';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { LoadFailed } from '../../../components/LoadFailed';
import { authApi, countyApi, registrationApi } from '../../../services/api';

const pct = (n: number, of: number) => `${of > 0 ? Math.min(100, (n / of) * 100).toFixed(1) : 0}%`;

export default function CapacityPage() {
  const [c, setC] = useState<Capacity | null>(null);
  const [classes, setClasses] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  // A refused save is shown under its button, not in the banner at the top of the page.
  const [saveError, setSaveError] = useState<string | null>(null);
  // Only the principal (or the bureau) sets the class count; a reviewer sees it, without a button.
  const [role, setRole] = useState<Role | null>(null);

  const load = async () => {
    const r = await registrationApi.capacity(null);
    if (!r.ok) return setError(r.message);
    setC(r.data);
    setClasses(String(r.data.entryClasses));
  };
  useDidShow(() => {
    if (role === null) void authApi.whoami().then((me) => me.ok && setRole(me.data.role));
    void load();
  });

  const save = async () => {
    if (!c) return;
    const r = await countyApi.setEntryClasses(c.schoolId, Number(classes));
    if (!r.ok) return setSaveError(r.message);
    setSaveError(null);
    setError(null);
    setInfo(`已设置起始年级 ${r.data.entryClasses} 个班。`);
    await load();
  };

  if (!c) return <LoadFailed message={error} />;
  const scale = Math.max(c.seats, c.applicants, 1);
  let seatsLeft = c.seats;
  return (
    <View className="page">
      <Text className="title">{c.schoolName}</Text>
      <Text className="subtitle">{`${c.year}年起始年级：${c.entryClasses}个班 × 每班${c.cap}人 = ${c.seats}个学位；报名 ${c.applicants} 人`}</Text>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      <View className="card" id="capacity-chart">
        <Text className="card-title">各类别报名与学位</Text>
        <View className="legend">
          <Text className="legend-item bar-approved">审核通过</Text>
          <Text className="legend-item bar-review">审核中</Text>
          <Text className="legend-item bar-seats">可容纳</Text>
        </View>
        {c.tiers.map((t) => {
          const fits = Math.max(0, Math.min(seatsLeft, t.approved + t.underReview));
          seatsLeft -= fits;
          return (
            <View key={t.tier} className="bar-row" id={`tier-bar-${t.tier}`}>
              <Text className="bar-label">{t.label}</Text>
              <View
                className="bar-track"
                {...tapA11y('img', {
                  label: `${t.label}：已通过 ${t.approved} 人，审核中 ${t.underReview} 人，学位可容纳其中 ${fits} 人`,
                })}
              >
                <View className="bar bar-seats" style={{ width: pct(fits, scale) }} />
                <View className="bar bar-approved" style={{ width: pct(t.approved, scale) }} />
                <View
                  className="bar bar-review"
                  style={{ width: pct(t.underReview, scale), left: pct(t.approved, scale) }}
                />
              </View>
              <Text className="bar-value">{`${t.approved + t.underReview}`}</Text>
            </View>
          );
        })}
        <Text className="muted">
          {c.applicants > c.seats
            ? `报名人数超出学位 ${c.applicants - c.seats} 个：按类别顺序录取，排不下的类别由电脑派位决定，其余由教育局统筹。`
            : `学位充足，尚余 ${c.seats - c.applicants} 个。`}
        </Text>
      </View>
      <View className="card">
        <Text className="card-title">起始年级班数</Text>
        <Text className="muted">{`每班不超过${c.cap}人（大班额上限），班数决定学位数。`}</Text>
        {role === 'reviewer' ? (
          <Text className="muted">{`现为${c.entryClasses}个班，由校长设置。`}</Text>
        ) : (
          <View className="row">
            <Input
              {...inputA11y('起始年级班数', { id: 'save-classes', problem: saveError })}
              className="input"
              style={{ flex: 1 }}
              id="entry-classes"
              type="number"
              value={classes}
              onInput={(e) => setClasses(e.detail.value)}
            />
            <Button size="mini" className="btn btn-primary" id="save-classes" onClick={() => void save()}>
              保存
            </Button>
          </View>
        )}
        {saveError ? (
          <Text className="field-error" id="save-classes-error" {...liveA11y(true)}>
            {saveError}
          </Text>
        ) : null}
      </View>
    </View>
  );
}
