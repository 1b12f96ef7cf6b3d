// What families are told: when the draw and the publication happen (for families waiting for a
// result), the report date per stage, what to bring (one item a line), how many days they have
// to ask for a review, and the enrollment office's telephone. Dates are picked, never typed.
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { inputA11y } from '../../../components/a11y';
import type { AdmissionNoticeSettings } from '@shared/api';
import type { Stage } from '@shared/settings';
import { useEffect, useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { DateField } from '../../../components/DateField';
import { placementApi } from '../../../services/api';

type Dates = Record<Stage, { draw: string; publish: string }>;
const FIRST = '2020-01-01';
const LAST = '2100-12-31';

export function NoticeSettings() {
  const [primary, setPrimary] = useState('');
  const [junior, setJunior] = useState('');
  const [dates, setDates] = useState<Dates | null>(null);
  const [bring, setBring] = useState('');
  const [days, setDays] = useState('');
  const [hotline, setHotline] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  const show = (n: AdmissionNoticeSettings) => {
    setLoaded(true);
    setPrimary(n.reportDate.primary);
    setJunior(n.reportDate.junior);
    if (n.placementDates)
      setDates({ primary: { ...n.placementDates.primary }, junior: { ...n.placementDates.junior } });
    setBring(n.bring.join('\n'));
    setDays(String(n.appealDays));
    setHotline(n.hotline ?? '');
  };
  useEffect(() => {
    void placementApi.noticeSettings().then((r) => (r.ok ? show(r.data) : setError(r.message)));
  }, []);

  const save = async () => {
    const appealDays = Number(days);
    if (!Number.isInteger(appealDays) || appealDays < 1 || appealDays > 30)
      return setError('复核期限请填写1到30之间的整数天数。');
    const r = await placementApi.setNotice({
      reportDate: { primary, junior },
      bring: bring
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean),
      appealDays,
      ...(dates ? { placementDates: dates } : {}),
      hotline: hotline.trim(),
    });
    if (r.ok) {
      setError(null);
      setInfo('已保存，家长的报名详情页和录取结果页将显示新的日期和报到信息。');
    } else setError(r.message);
  };
  const setDate = (stage: Stage, which: 'draw' | 'publish', v: string) =>
    setDates((d) => (d ? { ...d, [stage]: { ...d[stage], [which]: v } } : d));

  // The fields are drawn once the settings are loaded: Taro's inputs must get their first value
  // when they are created (a value set just after creation threw in the browser).
  if (!loaded)
    return (
      <View className="card" id="notice-settings">
        <Text className="card-title">派位日期、报到通知与复核期限</Text>
        <ErrorBanner message={error} />
      </View>
    );
  return (
    <View className="card" id="notice-settings">
      <Text className="card-title">派位日期、报到通知与复核期限</Text>
      {dates ? (
        <View>
          <DateField
            id="notice-primary-draw"
            label="小学一年级电脑派位日期"
            value={dates.primary.draw}
            start={FIRST}
            end={LAST}
            problem={null}
            onChange={(v) => setDate('primary', 'draw', v)}
          />
          <DateField
            id="notice-primary-publish"
            label="小学一年级公布录取结果日期"
            value={dates.primary.publish}
            start={dates.primary.draw || FIRST}
            end={LAST}
            problem={null}
            onChange={(v) => setDate('primary', 'publish', v)}
          />
          <DateField
            id="notice-junior-draw"
            label="初中一年级电脑派位日期"
            value={dates.junior.draw}
            start={FIRST}
            end={LAST}
            problem={null}
            onChange={(v) => setDate('junior', 'draw', v)}
          />
          <DateField
            id="notice-junior-publish"
            label="初中一年级公布录取结果日期"
            value={dates.junior.publish}
            start={dates.junior.draw || FIRST}
            end={LAST}
            problem={null}
            onChange={(v) => setDate('junior', 'publish', v)}
          />
        </View>
      ) : null}
      <DateField
        id="notice-primary"
        label="小学一年级报到日期"
        value={primary}
        start={FIRST}
        end={LAST}
        problem={null}
        onChange={setPrimary}
      />
      <DateField
        id="notice-junior"
        label="初中一年级报到日期"
        value={junior}
        start={FIRST}
        end={LAST}
        problem={null}
        onChange={setJunior}
      />
      <Text className="label">需携带的材料（每行一项）</Text>
      <Textarea
        {...inputA11y('需携带的材料')}
        className="input"
        id="notice-bring"
        value={bring}
        onInput={(e) => setBring(e.detail.value)}
      />
      <Text className="label">公布后可申请复核的天数</Text>
      <Input
        {...inputA11y('公布后可申请复核的天数')}
        className="input"
        id="notice-days"
        type="number"
        value={days}
        onInput={(e) => setDays(e.detail.value)}
      />
      <Text className="label">招生咨询电话（家长的“接下来”中显示）</Text>
      <Input
        {...inputA11y('招生咨询电话')}
        className="input"
        id="notice-hotline"
        value={hotline}
        maxlength={30}
        onInput={(e) => setHotline(e.detail.value)}
      />
      <Button className="btn btn-primary" id="notice-save" onClick={() => void save()}>
        保存
      </Button>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
    </View>
  );
}
